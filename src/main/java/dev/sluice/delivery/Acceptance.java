package dev.sluice.delivery;

import dev.sluice.domain.Command;
import dev.sluice.domain.OperationStatus;
import dev.sluice.governance.AuditTrail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Accepts a validated write durably: the operation, its outbox rows, the answer to its
 * Idempotency-Key, its lineage and its audit record are stored in one transaction, so a write is
 * either wholly accepted or not at all.
 *
 * <p>Writes arriving together are stored together: every append to the audit chain waits for the
 * one before it to commit, so one transaction per write would make writers queue on the chain,
 * each holding a database connection. Instead, a writer that finds others waiting stores theirs
 * with its own in one transaction (up to {@value #GROUP} writes) and one commit, and each caller
 * is answered when its write is committed ({@link GroupCommit}: if that transaction fails, each
 * write of the group is stored alone, so one write's failure is never another's).
 *
 * <p>A write's outbox parts are numbered when they are inserted and delivered in that order within
 * their contract; a process accepting a write of a contract another process is accepting a write
 * of waits until that one commits ({@link AggregateLocks}), so the numbers follow the commits.
 */
@ApplicationScoped
public class Acceptance {

    /**
     * A write to accept, already validated, split into the parts the ERP receives; with what the
     * audit log records of it (the subject of the caller's token, the contract's operation id and
     * the digest of the request body). {@code deferredValidation}, when not null, says what could
     * not be checked at acceptance (the ERP could not answer): the write is validated again before
     * it is delivered.
     */
    public record NewOperation(String clientId, Command command, List<Part> parts, String correlationId,
            String traceparent, String subject, String operationName, String bodySha256, OffsetDateTime receivedAt,
            OffsetDateTime validatedAt, String deferredValidation) {
        public NewOperation {
            parts = List.copyOf(parts);
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("an operation delivers at least one part");
            }
        }
    }

    /**
     * One delivery of an operation: its name, the aggregate it belongs to (deliveries of one
     * aggregate keep their order), the command the ERP receives, the backend it goes to and the
     * legal entity it is booked in (null where not known).
     */
    public record Part(String name, String aggregateKey, Command command, String backend, String legalEntity) {

        /**
         * The part of a write for one contract: in that contract's aggregate, named for the kind of
         * write (a time batch's parts by their contract, as a batch may span several).
         */
        public static Part forContract(String contractNumber, Command command, String backend, String legalEntity) {
            String name = switch (command.type()) {
                case CONTRACT_UPSERT -> "contract";
                case CHANGE_ORDER -> "change-order";
                case PROJECT_UPSERT -> "project";
                case MILESTONE_COMPLETION -> "milestone";
                case TIME_APPROVAL -> "contract:" + contractNumber;
            };
            return new Part(name, Aggregates.contract(contractNumber), command, backend, legalEntity);
        }
    }

    private final CommandCodec codec;
    private final Operations operations;
    private final LineageLog lineage;
    private final Dispatcher dispatcher;
    private final DeliveryMetrics metrics;
    private final AuditTrail audit;
    private final IdempotencyKeys keys;
    private final AggregateLocks aggregates;
    private final Clock clock = Clock.systemUTC();
    /** Writes stored in one transaction at most. */
    static final int GROUP = 64;
    private final GroupCommit<Pending, OperationSnapshot> writes =
            new GroupCommit<>(GROUP, group -> QuarkusTransaction.requiringNew().call(() -> store(group)));

    Acceptance(CommandCodec codec, Operations operations, LineageLog lineage, Dispatcher dispatcher,
            DeliveryMetrics metrics, AuditTrail audit, IdempotencyKeys keys, AggregateLocks aggregates) {
        this.codec = codec;
        this.operations = operations;
        this.lineage = lineage;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.audit = audit;
        this.keys = keys;
        this.aggregates = aggregates;
    }

    /**
     * Stores the operation under its claimed key and answers it. {@code answer} renders the body
     * the caller gets now, which is kept to answer a repeat of the same key.
     */
    public OperationSnapshot accept(NewOperation write, IdempotencyKeys.Claim.Granted claim, int answerStatus,
            Function<OperationSnapshot, String> answer) {
        OperationSnapshot accepted = writes.submit(new Pending(write, claim, answerStatus, answer));
        metrics.accepted(accepted.type());
        dispatcher.wake();
        return accepted;
    }

    /** A write waiting to be stored, with what its caller is answered. */
    private record Pending(NewOperation write, IdempotencyKeys.Claim.Granted claim, int answerStatus,
            Function<OperationSnapshot, String> answer) {
    }

    private List<OperationSnapshot> store(List<Pending> group) {
        // an acceptance of the same contract in another process commits before these are numbered
        aggregates.lock(group.stream().flatMap(p -> p.write().parts().stream()).map(Part::aggregateKey).toList());
        List<OperationSnapshot> stored = new ArrayList<>(group.size());
        List<AuditTrail.Entry> entries = new ArrayList<>(group.size());
        for (Pending write : group) {
            OperationSnapshot snapshot = store(write.write());
            stored.add(snapshot);
            entries.add(new AuditTrail.Entry(write.write().clientId(), write.write().subject(),
                    write.write().operationName(), snapshot.businessKey() != null ? snapshot.businessKey()
                            : snapshot.id().toString(), write.answerStatus(), write.write().correlationId(),
                    write.write().bodySha256()));
        }
        // the audit chain, which every writer waits for, is held from here to the commit
        audit.append(entries);
        // last, so a repeat of a key waits on its row for no longer than the commit
        for (int i = 0; i < group.size(); i++) {
            Pending write = group.get(i);
            keys.answer(write.claim(), stored.get(i).id(), write.answerStatus(), write.answer().apply(stored.get(i)));
        }
        OperationRow.flush();
        return stored;
    }

    private OperationSnapshot store(NewOperation write) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OperationRow operation = new OperationRow();
        operation.id = UUID.randomUUID();
        operation.type = write.command().type();
        operation.status = OperationStatus.ACCEPTED;
        operation.clientId = write.clientId();
        operation.correlationId = write.correlationId();
        operation.traceparent = write.traceparent();
        operation.businessKey = write.command().businessKey();
        operation.command = codec.write(write.command());
        operation.acceptedAt = now;
        operation.updatedAt = now;
        operation.erpReferences = "[]";
        operation.validationDeferred = write.deferredValidation() != null;
        operation.validatedAt = operation.validationDeferred ? null : write.validatedAt();
        operation.persist();
        for (Part part : write.parts()) {
            OutboxRow row = new OutboxRow();
            row.operationId = operation.id;
            row.part = part.name();
            row.aggregateKey = part.aggregateKey();
            row.backend = part.backend();
            row.legalEntity = part.legalEntity();
            row.command = codec.write(part.command());
            row.availableAt = now;
            row.createdAt = now;
            row.persist();
        }
        lineage.record(operation, LineageLog.Step.RECEIVED, write.operationName(), List.of(), write.receivedAt());
        if (operation.validationDeferred) {
            lineage.record(operation, LineageLog.Step.VALIDATION_DEFERRED, "the ERP could not answer, so these were "
                    + "not checked and will be before delivery: " + write.deferredValidation(), List.of(),
                    write.validatedAt());
        } else {
            lineage.record(operation, LineageLog.Step.VALIDATED, "against the contract, master data and business rules",
                    List.of(), write.validatedAt());
        }
        lineage.record(operation, LineageLog.Step.ACCEPTED, null, List.of(), now);
        return operations.snapshot(operation);
    }
}
