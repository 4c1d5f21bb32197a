package dev.sluice.delivery;

import dev.sluice.domain.ErpReference;
import dev.sluice.domain.OperationProblem;
import dev.sluice.domain.OperationStatus;
import dev.sluice.domain.OperationType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An operation as callers see it at one moment. */
public record OperationSnapshot(
        UUID id,
        OperationType type,
        OperationStatus status,
        String clientId,
        String correlationId,
        String businessKey,
        OffsetDateTime acceptedAt,
        OffsetDateTime updatedAt,
        OffsetDateTime postedAt,
        int attempts,
        List<ErpReference> erpReferences,
        OperationProblem problem,
        boolean validationDeferred) {

    public OperationSnapshot {
        erpReferences = List.copyOf(erpReferences);
    }
}
