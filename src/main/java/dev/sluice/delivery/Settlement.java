package dev.sluice.delivery;

import dev.sluice.domain.ApproveTime;
import dev.sluice.domain.Command;
import dev.sluice.domain.ErpReference;
import dev.sluice.domain.OperationProblem;
import dev.sluice.domain.OperationStatus;
import dev.sluice.domain.Violation;
import dev.sluice.erp.PostingOutcome;
import dev.sluice.masterdata.DocumentView;
import dev.sluice.platform.Json;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The states a delivered operation goes through, decided from each attempt's result:
 * ACCEPTED → DELIVERING when its first part is about to be sent; POSTED once its last part
 * posted; FAILED when the ERP refused a part; a failed attempt schedules the next one after the
 * {@link Backoff}, until the part is given up ({@link GiveUp}) as a dead letter that holds its
 * aggregate (DEAD_LETTERED). Each step is one transaction, recorded in the lineage, taken only
 * while the worker still holds the part's lease; waiters are woken once an operation is final.
 */
@ApplicationScoped
class Settlement {

    private final OutboxLeases leases;
    private final CommandCodec codec;
    private final Operations operations;
    private final LineageLog lineage;
    private final OperationWaiter waiter;
    private final EntityManager entityManager;
    private final Json json;
    private final DeliveryMetrics metrics;
    private final DocumentView documents;
    private final Backoff backoff;
    private final GiveUp giveUp;
    private final Clock clock = Clock.systemUTC();

    Settlement(DeliveryConfig config, OutboxLeases leases, CommandCodec codec, Operations operations,
            LineageLog lineage, OperationWaiter waiter, EntityManager entityManager, Json json, DeliveryMetrics metrics,
            DocumentView documents) {
        this.leases = leases;
        this.codec = codec;
        this.operations = operations;
        this.lineage = lineage;
        this.waiter = waiter;
        this.entityManager = entityManager;
        this.json = json;
        this.metrics = metrics;
        this.documents = documents;
        this.backoff = Backoff.of(config);
        this.giveUp = GiveUp.of(config);
    }

    /**
     * Renews the lease for the call about to be made and marks the operation DELIVERING; empty
     * when the lease ran out while earlier claims of the batch were delivered and another process
     * took the part over.
     */
    Optional<OperationRow> start(Claim claim) {
        return Optional.ofNullable(QuarkusTransaction.requiringNew().call(() -> {
            if (!leases.renew(claim)) {
                return null;
            }
            OperationRow operation = entityManager.find(OperationRow.class, claim.operationId(),
                    LockModeType.PESSIMISTIC_WRITE);
            if (operation.status == OperationStatus.ACCEPTED) {
                operation.status = OperationStatus.DELIVERING;
                operation.updatedAt = OffsetDateTime.now(clock);
            }
            return operation;
        }));
    }

    /** Records what became of the attempt that started at {@code started}. */
    void settle(Claim claim, OffsetDateTime started, AttemptResult result) {
        if (result instanceof AttemptResult.NotCalled notCalled) {
            leases.putBack(claim, notCalled.delay());
        } else if (result instanceof AttemptResult.Answered answered) {
            inTransaction(claim, () -> answered(claim, started, answered.outcome()));
        } else if (result instanceof AttemptResult.Failed failed) {
            inTransaction(claim, () -> failed(claim, started, failed));
        }
    }

    /** The operation ended outside an attempt (its deferred validation failed): whoever waits for it is told. */
    void ended(Claim claim) {
        waiter.finished(claim.operationId());
    }

    private void inTransaction(Claim claim, Callable<Boolean> step) {
        if (QuarkusTransaction.requiringNew().call(step)) {
            waiter.finished(claim.operationId());
        }
    }

    /** Records an attempt: the DELIVERING step as of when it started, and the attempt count. */
    private OperationRow attempted(Claim claim, OffsetDateTime started) {
        OperationRow operation = entityManager.find(OperationRow.class, claim.operationId(),
                LockModeType.PESSIMISTIC_WRITE);
        operation.attempts++;
        operation.updatedAt = OffsetDateTime.now(clock);
        lineage.record(operation, LineageLog.Step.DELIVERING, "attempt " + claim.attempt() + " of part " + claim.part()
                + " to " + claim.backend(), List.of(), started, claim.owner(), List.of());
        return operation;
    }

    /** The ERP's answer; true when the operation reached a final state. */
    private boolean answered(Claim claim, OffsetDateTime started, PostingOutcome outcome) {
        if (leases.stillOurs(claim).isEmpty()) {
            return false;
        }
        OperationRow operation = attempted(claim, started);
        OffsetDateTime now = OffsetDateTime.now(clock);
        OutboxRow.deleteById(claim.id());
        if (outcome instanceof PostingOutcome.Posted posted) {
            return posted(claim, operation, posted, now);
        }
        return refused(claim, operation, (PostingOutcome.Refused) outcome, now);
    }

    private boolean posted(Claim claim, OperationRow operation, PostingOutcome.Posted posted, OffsetDateTime now) {
        metrics.attempt(claim.backend(), "POSTED");
        List<ErpReference> references = new ArrayList<>(operations.references(operation.erpReferences));
        references.addAll(posted.references());
        operation.erpReferences = json.write(references);
        boolean lastPart = OutboxRow.count("operationId", operation.id) == 0;
        if (lastPart && !operation.status.isFinal()) {
            operation.status = OperationStatus.POSTED;
            operation.postedAt = now;
            metrics.finished(operation.type, operation.status, operation.acceptedAt, now);
        }
        lineage.record(operation, LineageLog.Step.POSTED, "part " + claim.part() + " posted to " + claim.backend(),
                posted.references(), now, claim.owner(), posted.effects());
        documents.posted(codec.read(operation.type, claim.command()), posted.references(), claim.backend(), now);
        return lastPart;
    }

    private boolean refused(Claim claim, OperationRow operation, PostingOutcome.Refused refused, OffsetDateTime now) {
        metrics.attempt(claim.backend(), "REFUSED");
        List<Violation> violations = inWholeRequest(operation, claim, refused.violations());
        if (operation.status != OperationStatus.FAILED) {
            metrics.finished(operation.type, OperationStatus.FAILED, operation.acceptedAt, now);
        }
        operation.status = OperationStatus.FAILED;
        operation.problem = json.write(new OperationProblem(OperationProblem.Reason.ERP_REFUSED, refused.reason(),
                violations));
        lineage.record(operation, LineageLog.Step.FAILED, refused.reason(), List.of(), now);
        return true;
    }

    /** A failed attempt: the next one scheduled, or the part given up; true when the operation reached a final state. */
    private boolean failed(Claim claim, OffsetDateTime started, AttemptResult.Failed failure) {
        Optional<OutboxRow> ours = leases.stillOurs(claim);
        if (ours.isEmpty()) {
            return false;
        }
        OutboxRow row = ours.get();
        OperationRow operation = attempted(claim, started);
        OffsetDateTime now = OffsetDateTime.now(clock);
        int attempts = claim.attempt();
        metrics.attempt(claim.backend(), failure.code());
        row.attempts = attempts;
        row.errorCode = failure.code();
        row.lastError = truncate(failure.reason());
        row.leaseOwner = null;
        row.leaseUntil = null;
        if (row.firstFailedAt == null) {
            row.firstFailedAt = started;
        }
        if (failure.hopeless() || giveUp.after(attempts, row.firstFailedAt, now)) {
            row.deadLetteredAt = now;
            if (operation.status != OperationStatus.FAILED) {
                operation.status = OperationStatus.DEAD_LETTERED;
                metrics.finished(operation.type, operation.status, operation.acceptedAt, now);
                operation.problem = json.write(new OperationProblem(OperationProblem.Reason.DELIVERY_EXHAUSTED,
                        failure.hopeless() ? failure.reason()
                                : giveUp.reason(attempts, row.firstFailedAt, now, failure.reason()),
                        List.of()));
            }
            lineage.record(operation, LineageLog.Step.DEAD_LETTERED, failure.reason(), List.of(), now);
            return true;
        }
        Duration wait = backoff.after(attempts, ThreadLocalRandom.current());
        if (failure.retryAfter() != null && failure.retryAfter().compareTo(wait) > 0) {
            wait = failure.retryAfter();
        }
        row.availableAt = now.plus(wait);
        lineage.record(operation, LineageLog.Step.RETRY_SCHEDULED, failure.reason() + "; next attempt in "
                + wait.toMillis() + " ms", List.of(), now);
        return false;
    }

    /** A refusal of one part of a time batch points into the whole batch the caller sent. */
    private List<Violation> inWholeRequest(OperationRow operation, Claim claim, List<Violation> violations) {
        Command whole = codec.read(operation.type, operation.command);
        if (!(whole instanceof ApproveTime batch)) {
            return violations;
        }
        return BatchPointers.inWholeRequest(batch, (ApproveTime) codec.read(operation.type, claim.command()),
                violations);
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 1997) + "...";
    }
}
