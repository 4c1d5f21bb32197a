package dev.sluice.delivery;

import dev.sluice.domain.OperationProblem;
import dev.sluice.domain.OperationStatus;
import dev.sluice.domain.Violation;
import dev.sluice.masterdata.ValidationResult;
import dev.sluice.masterdata.CommandValidator;
import dev.sluice.platform.Json;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Validates, before its first delivery, a write accepted while the gateway could not check it
 * fully (its copy lacked a code and the ERP could not answer). The whole write is checked as it
 * would have been at acceptance had the ERP answered then: against the writes accepted before
 * it. It passes, and every part may be delivered; or it fails, and the operation ends FAILED with
 * the violations a synchronous check would have listed, before any part reached the ERP. The
 * decision is taken once per operation, under its row lock, so parts delivered by different
 * workers never disagree.
 */
@ApplicationScoped
class DeferredValidation {

    /** What the check decided for a part about to be delivered. */
    sealed interface Decision {
        /** The write passed (now or earlier): deliver the part. */
        record Deliver() implements Decision {
        }

        /** The write failed validation (now or earlier) and is not delivered; its parts are gone. */
        record Failed() implements Decision {
        }

        /** The ERP still cannot answer what the check needs: try again later, as for any ERP outage. */
        record Undecided(String reason) implements Decision {
        }
    }

    private final CommandValidator validator;
    private final CommandCodec codec;
    private final LineageLog lineage;
    private final DeliveryMetrics metrics;
    private final EntityManager entityManager;
    private final Json json;
    private final Clock clock = Clock.systemUTC();

    DeferredValidation(CommandValidator validator, CommandCodec codec, LineageLog lineage, DeliveryMetrics metrics,
            EntityManager entityManager, Json json) {
        this.validator = validator;
        this.codec = codec;
        this.lineage = lineage;
        this.metrics = metrics;
        this.entityManager = entityManager;
        this.json = json;
    }

    /** Whether {@code operation} still waits for its deferred validation. */
    static boolean pending(OperationRow operation) {
        return operation.validationDeferred && operation.validatedAt == null;
    }

    /** Checks the operation's whole write and records what that decided. */
    Decision decide(OperationRow operation) {
        ValidationResult checked = validator.check(codec.read(operation.type, operation.command), operation.acceptedAt);
        if (checked.valid() && !checked.decided()) {
            return new Decision.Undecided("the ERP still cannot answer the deferred validation: "
                    + checked.undecided().stream().map(ValidationResult.Undecided::detail).collect(Collectors.joining("; ")));
        }
        return QuarkusTransaction.requiringNew().call(() -> record(operation, checked.violations()));
    }

    private Decision record(OperationRow detached, List<Violation> violations) {
        OperationRow operation = entityManager.find(OperationRow.class, detached.id, LockModeType.PESSIMISTIC_WRITE);
        if (operation.validatedAt != null) {
            return new Decision.Deliver();
        }
        if (operation.status.isFinal()) {
            return new Decision.Failed();
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (violations.isEmpty()) {
            operation.validatedAt = now;
            lineage.record(operation, LineageLog.Step.VALIDATED, "deferred validation passed: checked against the "
                    + "contract, master data and business rules once the ERP answered", List.of(), now);
            return new Decision.Deliver();
        }
        OutboxRow.delete("operationId", operation.id);
        operation.status = OperationStatus.FAILED;
        operation.updatedAt = now;
        String detail = "Validation deferred at acceptance failed once the ERP answered: "
                + (violations.size() == 1 ? "1 violation" : violations.size() + " violations");
        operation.problem = json.write(new OperationProblem(OperationProblem.Reason.VALIDATION_FAILED, detail,
                violations));
        metrics.finished(operation.type, OperationStatus.FAILED, operation.acceptedAt, now);
        lineage.record(operation, LineageLog.Step.FAILED, detail + ": " + violations.stream()
                .map(v -> v.code() + " at " + v.pointer()).collect(Collectors.joining(", ")), List.of(), now);
        return new Decision.Failed();
    }
}
