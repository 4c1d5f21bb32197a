package dev.sluice.erp.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sluice.domain.ContractState;
import dev.sluice.domain.ProjectState;
import dev.sluice.erp.ErpBackend;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds a contract or project in whichever ERP backend holds it, for one the gateway did not
 * route itself (created in an ERP directly): the backend that held it last is asked first, then
 * each in turn, the default first; where it was found is remembered.
 */
@ApplicationScoped
public class DocumentLocator {

    /** A document and the backend that holds it. */
    public record Found<T>(T document, String backend) {
    }

    private final ErpRouting routing;
    /** Which backend holds a contract or project, once found. */
    private final Cache<String, String> found = Caffeine.newBuilder().maximumSize(100_000).build();

    public DocumentLocator(ErpRouting routing) {
        this.routing = routing;
    }

    /** The contract as its ERP holds it. */
    public Optional<Found<ContractState>> findContract(String contractNumber) {
        return locate("contract:" + contractNumber, b -> b.findContract(contractNumber));
    }

    /** The project as its ERP holds it. */
    public Optional<Found<ProjectState>> findProject(String projectCode) {
        return locate("project:" + projectCode, b -> b.findProject(projectCode));
    }

    private <T> Optional<Found<T>> locate(String key, Function<ErpBackend, Optional<T>> read) {
        String known = found.getIfPresent(key);
        Optional<ErpBackend> last = known == null ? Optional.empty() : routing.backend(known);
        if (last.isPresent()) {
            Optional<T> there = read.apply(last.get());
            if (there.isPresent()) {
                return there.map(d -> new Found<>(d, known));
            }
        }
        for (ErpBackend backend : routing.backends()) {
            if (backend.name().equals(known)) {
                continue;
            }
            Optional<T> there = read.apply(backend);
            if (there.isPresent()) {
                found.put(key, backend.name());
                return there.map(d -> new Found<>(d, backend.name()));
            }
        }
        return Optional.empty();
    }
}
