package dev.sluice.erp.routing;

import dev.sluice.domain.ContractState;
import dev.sluice.domain.MasterDataType;
import dev.sluice.domain.MasterRecord;
import dev.sluice.domain.Page;
import dev.sluice.domain.ProjectState;
import dev.sluice.erp.Delivery;
import dev.sluice.erp.ErpBackend;
import dev.sluice.erp.ErpHealth;
import dev.sluice.erp.ErpUnavailableException;
import dev.sluice.erp.FaultInjection;
import dev.sluice.erp.PostingOutcome;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Every ERP backend, the sandbox included, behind the same guard: a timeout and a circuit breaker
 * for look-ups, another pair for deliveries ({@link GuardSettings}, from the backend's routing
 * entry). Only failures to answer count towards opening a circuit; a refusal is an answer.
 *
 * <p>This is the only code that sees fault-tolerance types. A call the guard stops or times out
 * leaves it as an {@link ErpUnavailableException} ({@code CIRCUIT_OPEN}: no call was made;
 * {@code TIMEOUT}), like any other failure of the ERP to answer; and every call's outcome, and
 * every change of the posting circuit, is recorded in the backend's {@link ErpHealth}. Calls at
 * once are capped across every replica by the backend's limits in {@code policies/rate-limits.yaml},
 * so no bulkhead caps them a second time here.
 */
final class GuardedBackend implements ErpBackend {

    private final ErpBackend adapter;
    private final ErpHealth health;
    private final GuardSettings settings;
    private final Guard reads;
    private final Guard posts;

    /**
     * With {@code named}, the circuits are registered under their guard's name (for
     * {@code CircuitBreakerMaintenance}); a name can be registered once per application.
     */
    GuardedBackend(ErpBackend adapter, GuardSettings settings, ErpHealth health, boolean named) {
        this.adapter = adapter;
        this.health = health;
        this.settings = settings;
        this.reads = guard(ErpHealth.readCircuit(adapter.name()), named, settings.readTimeout(), settings,
                state -> { });
        this.posts = guard(ErpHealth.postingCircuit(adapter.name()), named, settings.postTimeout(), settings,
                state -> health.postingCircuitChanged(ErpHealth.Circuit.valueOf(state.name())));
    }

    private static Guard guard(String description, boolean named, Duration timeout, GuardSettings settings,
            Consumer<CircuitBreakerState> onStateChange) {
        Guard.Builder.CircuitBreakerBuilder circuit = Guard.create()
                .withDescription(description)
                .withTimeout().duration(timeout.toMillis(), ChronoUnit.MILLIS).done()
                .withCircuitBreaker();
        if (named) {
            circuit.name(description);
        }
        return circuit
                .requestVolumeThreshold(settings.requestVolume())
                .failureRatio(settings.failureRatio())
                .delay(settings.openFor().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(settings.successThreshold())
                .when(failure -> failure instanceof ErpUnavailableException || failure instanceof TimeoutException)
                .onStateChange(onStateChange)
                .done()
                .build();
    }

    @SuppressWarnings("unchecked")
    private <R> R through(Guard guard, String call, Duration timeout, Supplier<R> attempt) {
        R answer;
        try {
            answer = (R) guard.get(attempt::get, Object.class);
        } catch (CircuitBreakerOpenException e) {
            // no call was made: nothing learnt about the ERP
            throw new ErpUnavailableException(ErpUnavailableException.Cause.CIRCUIT_OPEN, adapter.name()
                    + " is not called for now: its " + call + " circuit is open after too many calls it could not"
                    + " answer", settings.openFor(), null);
        } catch (TimeoutException e) {
            ErpUnavailableException late = new ErpUnavailableException(ErpUnavailableException.Cause.TIMEOUT,
                    adapter.name() + " did not answer within " + timeout.toMillis() + " ms", null, e);
            health.couldNotAnswer(late);
            throw late;
        } catch (ErpUnavailableException e) {
            health.couldNotAnswer(e);
            throw e;
        } catch (RuntimeException e) {
            // a refusal or an answer the gateway could not use is still an answer
            health.answered();
            throw e;
        }
        health.answered();
        return answer;
    }

    private <R> R read(Supplier<R> attempt) {
        return through(reads, "read", settings.readTimeout(), attempt);
    }

    @Override
    public String name() {
        return adapter.name();
    }

    @Override
    public <T extends MasterRecord> Page<T> list(MasterDataType<T> type, String afterKey, int limit) {
        return read(() -> adapter.list(type, afterKey, limit));
    }

    @Override
    public <T extends MasterRecord> Optional<T> find(MasterDataType<T> type, String key) {
        return read(() -> adapter.find(type, key));
    }

    @Override
    public <T extends MasterRecord> Optional<List<T>> changedSince(MasterDataType<T> type, Instant since) {
        return read(() -> adapter.changedSince(type, since));
    }

    @Override
    public Optional<ContractState> findContract(String contractNumber) {
        return read(() -> adapter.findContract(contractNumber));
    }

    @Override
    public Optional<ProjectState> findProject(String projectCode) {
        return read(() -> adapter.findProject(projectCode));
    }

    @Override
    public PostingOutcome post(Delivery delivery) {
        return through(posts, "posting", settings.postTimeout(), () -> adapter.post(delivery));
    }

    @Override
    public Optional<FaultInjection> faultInjection() {
        return adapter.faultInjection();
    }
}
