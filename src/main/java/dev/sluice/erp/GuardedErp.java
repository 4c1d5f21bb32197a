package dev.sluice.erp;

import dev.sluice.domain.ContractState;
import dev.sluice.domain.MasterDataType;
import dev.sluice.domain.MasterRecord;
import dev.sluice.domain.Page;
import dev.sluice.domain.ProjectState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import io.smallrye.faulttolerance.api.CircuitBreakerName;

/**
 * The built-in sandbox ERP behind a timeout, a circuit breaker and (for postings) a bulkhead that
 * caps concurrent calls. Retrying is the dispatcher's (through the outbox, with back-off), so
 * nothing here waits to try again. Every value can be set per method, e.g.
 * {@code dev.sluice.erp.GuardedErp/post/Timeout/value}. Remote ERPs get the same guards from
 * their routing settings instead.
 */
@ApplicationScoped
@Guarded
public class GuardedErp implements ErpBackend {

    /** {@link ErpHealth#postingCircuit} of the sandbox. */
    static final String POSTING_CIRCUIT = "erp.post sandbox";

    private final ErpBackend adapter;

    GuardedErp(@Named("sandbox") ErpBackend adapter) {
        this.adapter = adapter;
    }

    @Override
    public String name() {
        return adapter.name();
    }

    @Override
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2)
    public <T extends MasterRecord> Page<T> list(MasterDataType<T> type, String afterKey, int limit) {
        return adapter.list(type, afterKey, limit);
    }

    @Override
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2)
    public <T extends MasterRecord> Optional<T> find(MasterDataType<T> type, String key) {
        return adapter.find(type, key);
    }

    @Override
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2)
    public Optional<ContractState> findContract(String contractNumber) {
        return adapter.findContract(contractNumber);
    }

    @Override
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2)
    public Optional<ProjectState> findProject(String projectCode) {
        return adapter.findProject(projectCode);
    }

    @Override
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2)
    @Bulkhead(8)
    @CircuitBreakerName(POSTING_CIRCUIT)
    public PostingOutcome post(Delivery delivery) {
        return adapter.post(delivery);
    }

    @Override
    public Optional<FaultInjection> faultInjection() {
        return adapter.faultInjection();
    }
}
