package dev.sluice.api;

import dev.sluice.delivery.OperationSnapshot;
import java.util.UUID;

/** How one version of the API answers with an accepted operation: its body, and where to follow it. */
public interface OperationAnswers {

    /** The operation as the version's contract shapes it. */
    Object operation(OperationSnapshot operation);

    /** Where the caller follows the operation, e.g. {@code /api/v1/operations/{id}}. */
    String location(UUID operationId);
}
