package dev.sluice.delivery;

import java.util.UUID;

/**
 * An outbox part a delivery worker holds the lease of: the row, the operation it belongs to,
 * the attempts made so far, the command to post, the worker that claimed it and the backend the
 * part was routed to when it was accepted.
 */
record Claim(long id, UUID operationId, String part, int attempts, String command, String owner, String backend) {

    /** The number of the attempt this claim is about to make. */
    int attempt() {
        return attempts + 1;
    }
}
