package dev.sluice.delivery;

import dev.sluice.domain.Command;
import dev.sluice.domain.OperationStatus;
import dev.sluice.governance.AuditTrail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Accepts a validated write durably: the operation, its outbox rows and the idempotency record
 * are stored in one transaction, so a write is either wholly accepted or not at all.
 */
@ApplicationScoped
public class Acceptance {

    /**
     * A write to accept, already validated, split into the parts the ERP receives; with what the
     * audit log records of it (the subject of the caller's token, the contract's operation id and
     * the digest of the request body).
     */
    public record NewOperation(String clientId, String idempotencyKey, String fingerprint, Command command,
            List<Part> parts, String correlationId, String traceparent, String subject, String operationName,
            String bodySha256) {
        public NewOperation {
            parts = List.copyOf(parts);
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("an operation delivers at least one part");
            }
        }
    }

    /**
     * One delivery of an operation: its name, the aggregate it belongs to (deliveries of one
     * aggregate keep their order) and the command the ERP receives.
     */
    public record Part(String name, String aggregateKey, Command command) {
    }

    /** The answer given when a key was first used. */
    public record StoredAnswer(UUID operationId, int status, String body) {
    }

    /** What accepting answered: a new operation, or the answer stored for a repeated key. */
    public sealed interface Result {
        record Accepted(OperationSnapshot operation) implements Result {
        }

        record Repeated(StoredAnswer answer) implements Result {
        }

        record KeyReused() implements Result {
        }
    }

    private final CommandCodec codec;
    private final Operations operations;
    private final LineageLog lineage;
    private final Dispatcher dispatcher;
    private final DeliveryMetrics metrics;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    Acceptance(CommandCodec codec, Operations operations, LineageLog lineage, Dispatcher dispatcher,
            DeliveryMetrics metrics, AuditTrail audit) {
        this.codec = codec;
        this.operations = operations;
        this.lineage = lineage;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.audit = audit;
    }

    /** The earlier use of this key by this client, if any, judged against this request's fingerprint. */
    public Optional<Result> earlier(String clientId, String idempotencyKey, String fingerprint) {
        IdempotencyRow row = QuarkusTransaction.requiringNew()
                .call(() -> IdempotencyRow.findById(IdempotencyRow.key(clientId, idempotencyKey)));
        if (row == null) {
            return Optional.empty();
        }
        if (!row.fingerprint.equals(fingerprint)) {
            return Optional.of(new Result.KeyReused());
        }
        return Optional.of(new Result.Repeated(new StoredAnswer(row.operationId, row.responseStatus, row.responseBody)));
    }

    /**
     * Stores the operation and answers it. {@code answer} renders the body the caller gets now,
     * which is kept to answer a repeat of the same key.
     */
    public Result accept(NewOperation write, int answerStatus, Function<OperationSnapshot, String> answer) {
        OperationSnapshot accepted;
        try {
            accepted = QuarkusTransaction.requiringNew().call(() -> store(write, answerStatus, answer));
        } catch (RuntimeException e) {
            if (isDuplicateKey(e)) {
                // the same key was accepted concurrently; answer as for a repeat
                return earlier(write.clientId(), write.idempotencyKey(), write.fingerprint()).orElseThrow(() -> e);
            }
            throw e;
        }
        metrics.accepted(accepted.type());
        dispatcher.wake();
        return new Result.Accepted(accepted);
    }

    /** Replaces the stored answer, e.g. with the 201 a caller got after waiting for the ERP. */
    public void storeAnswer(String clientId, String idempotencyKey, int status, String body) {
        QuarkusTransaction.requiringNew().run(() -> IdempotencyRow.update(
                "responseStatus = ?1, responseBody = ?2 where clientId = ?3 and idempotencyKey = ?4",
                status, body, clientId, idempotencyKey));
    }

    private OperationSnapshot store(NewOperation write, int answerStatus, Function<OperationSnapshot, String> answer) {
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
        operation.persist();
        for (Part part : write.parts()) {
            OutboxRow row = new OutboxRow();
            row.operationId = operation.id;
            row.part = part.name();
            row.aggregateKey = part.aggregateKey();
            row.command = codec.write(part.command());
            row.availableAt = now;
            row.createdAt = now;
            row.persist();
        }
        lineage.record(operation, LineageLog.Step.ACCEPTED, null, List.of(), now);
        OperationSnapshot snapshot = operations.snapshot(operation);
        IdempotencyRow key = new IdempotencyRow();
        key.clientId = write.clientId();
        key.idempotencyKey = write.idempotencyKey();
        key.fingerprint = write.fingerprint();
        key.operationId = operation.id;
        key.responseStatus = answerStatus;
        key.responseBody = answer.apply(snapshot);
        key.createdAt = now;
        key.persist();
        audit.append(new AuditTrail.Entry(write.clientId(), write.subject(), write.operationName(),
                operation.businessKey != null ? operation.businessKey : operation.id.toString(), answerStatus,
                write.correlationId(), write.bodySha256()));
        OperationRow.flush();
        return snapshot;
    }

    private static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException c && "23505".equals(c.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
