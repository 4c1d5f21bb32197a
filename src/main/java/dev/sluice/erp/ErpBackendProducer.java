package dev.sluice.erp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.literal.NamedLiteral;
import java.util.stream.Collectors;

/**
 * Chooses the configured backend among the adapters on the class path. Adapters are
 * {@code @Named} beans of {@link ErpBackend}; none is referenced here by type.
 */
@ApplicationScoped
public class ErpBackendProducer {

    @Produces
    @ApplicationScoped
    @Selected
    ErpBackend selected(ErpConfig config, @Any Instance<ErpBackend> adapters) {
        Instance<ErpBackend> chosen = adapters.select(NamedLiteral.of(config.backend()));
        if (!chosen.isResolvable()) {
            String known = adapters.handlesStream()
                    .map(h -> h.getBean().getName())
                    .filter(n -> n != null)
                    .sorted()
                    .collect(Collectors.joining(", "));
            throw new IllegalStateException("sluice.erp.backend=" + config.backend()
                    + " names no ERP backend; known backends: " + known);
        }
        return chosen.get();
    }
}
