package dev.sluice.erp.routing;

import dev.sluice.domain.ContractState;
import dev.sluice.domain.MasterDataType;
import dev.sluice.domain.MasterRecord;
import dev.sluice.domain.Page;
import dev.sluice.domain.ProjectState;
import dev.sluice.erp.BackendSettings;
import dev.sluice.erp.Delivery;
import dev.sluice.erp.ErpBackend;
import dev.sluice.erp.ErpHealth;
import dev.sluice.erp.ErpUnavailableException;
import dev.sluice.erp.FaultInjection;
import dev.sluice.erp.PostingOutcome;
import io.smallrye.faulttolerance.api.Guard;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * A remote ERP behind a timeout and a circuit breaker per kind of call, set from its routing
 * entry: {@code read-timeout} (5 s) for look-ups, {@code post-timeout} (30 s) for a whole
 * delivery, which may take several requests. Only "cannot answer now" failures count towards
 * opening a circuit; a refusal is an answer. Calls at once are capped across every replica by the
 * backend's limits in {@code policies/rate-limits.yaml}, so no bulkhead is needed here.
 */
final class GuardedBackend implements ErpBackend {

    private final ErpBackend adapter;
    private final Duration postTimeout;
    private final Guard reads;
    private final Guard posts;

    GuardedBackend(ErpBackend adapter, BackendSettings settings, ErpHealth health) {
        this.adapter = adapter;
        Duration readTimeout = settings.duration("read-timeout", Duration.ofSeconds(5));
        this.postTimeout = settings.duration("post-timeout", Duration.ofSeconds(30));
        this.reads = guard(ErpHealth.readCircuit(settings.name()), readTimeout, Duration.ofSeconds(5), state -> { });
        this.posts = guard(ErpHealth.postingCircuit(settings.name()), postTimeout, Duration.ofSeconds(10),
                state -> health.postingCircuitChanged(ErpHealth.Circuit.valueOf(state.name())));
    }

    private static Guard guard(String description, Duration timeout, Duration openFor,
            java.util.function.Consumer<io.smallrye.faulttolerance.api.CircuitBreakerState> onStateChange) {
        return Guard.create()
                .withDescription(description)
                .withTimeout().duration(timeout.toMillis(), ChronoUnit.MILLIS).done()
                .withCircuitBreaker()
                .onStateChange(onStateChange)
                .requestVolumeThreshold(10)
                .failureRatio(0.5)
                .delay(openFor.toMillis(), ChronoUnit.MILLIS)
                .successThreshold(2)
                .when(failure -> failure instanceof ErpUnavailableException || failure instanceof TimeoutException)
                .done()
                .build();
    }

    /** How long one delivery may take, for the dispatcher's lease to outlast. */
    Duration postTimeout() {
        return postTimeout;
    }

    @SuppressWarnings("unchecked")
    private static <R> R through(Guard guard, Supplier<R> call) {
        return (R) guard.get(call::get, Object.class);
    }

    @Override
    public String name() {
        return adapter.name();
    }

    @Override
    public <T extends MasterRecord> Page<T> list(MasterDataType<T> type, String afterKey, int limit) {
        return through(reads, () -> adapter.list(type, afterKey, limit));
    }

    @Override
    public <T extends MasterRecord> Optional<T> find(MasterDataType<T> type, String key) {
        return through(reads, () -> adapter.find(type, key));
    }

    @Override
    public <T extends MasterRecord> Optional<List<T>> changedSince(MasterDataType<T> type, Instant since) {
        return through(reads, () -> adapter.changedSince(type, since));
    }

    @Override
    public Optional<ContractState> findContract(String contractNumber) {
        return through(reads, () -> adapter.findContract(contractNumber));
    }

    @Override
    public Optional<ProjectState> findProject(String projectCode) {
        return through(reads, () -> adapter.findProject(projectCode));
    }

    @Override
    public PostingOutcome post(Delivery delivery) {
        return through(posts, () -> adapter.post(delivery));
    }

    @Override
    public Optional<FaultInjection> faultInjection() {
        return adapter.faultInjection();
    }
}
