package dev.sluice.erp.routing;

import dev.sluice.domain.ContractState;
import dev.sluice.domain.MasterDataType;
import dev.sluice.domain.MasterRecord;
import dev.sluice.domain.Page;
import dev.sluice.domain.ProjectState;
import dev.sluice.erp.Delivery;
import dev.sluice.erp.ErpBackend;
import dev.sluice.erp.ErpFailures;
import dev.sluice.erp.ErpHealth;
import dev.sluice.erp.FaultInjection;
import dev.sluice.erp.PostingOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/** A backend, behind its guards, whose every call's outcome is recorded in its {@link ErpHealth}. */
final class ObservedBackend implements ErpBackend {

    private final ErpBackend guarded;
    private final ErpHealth health;

    ObservedBackend(ErpBackend guarded, ErpHealth health) {
        this.guarded = guarded;
        this.health = health;
    }

    private <R> R observed(Supplier<R> call) {
        try {
            R answer = call.get();
            health.answered();
            return answer;
        } catch (CircuitBreakerOpenException | BulkheadException e) {
            // no call was made: nothing learnt about the ERP
            throw e;
        } catch (RuntimeException e) {
            if (ErpFailures.unavailable(e)) {
                health.couldNotAnswer(e);
            } else {
                // an answer the gateway could not use is still an answer
                health.answered();
            }
            throw e;
        }
    }

    @Override
    public String name() {
        return guarded.name();
    }

    @Override
    public <T extends MasterRecord> Page<T> list(MasterDataType<T> type, String afterKey, int limit) {
        return observed(() -> guarded.list(type, afterKey, limit));
    }

    @Override
    public <T extends MasterRecord> Optional<T> find(MasterDataType<T> type, String key) {
        return observed(() -> guarded.find(type, key));
    }

    @Override
    public <T extends MasterRecord> Optional<List<T>> changedSince(MasterDataType<T> type, Instant since) {
        return observed(() -> guarded.changedSince(type, since));
    }

    @Override
    public Optional<ContractState> findContract(String contractNumber) {
        return observed(() -> guarded.findContract(contractNumber));
    }

    @Override
    public Optional<ProjectState> findProject(String projectCode) {
        return observed(() -> guarded.findProject(projectCode));
    }

    @Override
    public PostingOutcome post(Delivery delivery) {
        return observed(() -> guarded.post(delivery));
    }

    @Override
    public Optional<FaultInjection> faultInjection() {
        return guarded.faultInjection();
    }
}
