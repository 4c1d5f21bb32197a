package dev.sluice.erp;

import dev.sluice.domain.Command;
import java.util.UUID;

/**
 * One posting to the ERP: the command (or, for a batch spanning several contracts, the part
 * of it for one contract) and the context the ERP records with it.
 *
 * @param operationId the accepted operation this delivers
 * @param part which part of the operation this is; {@code operationId} and {@code part}
 *     together are the deterministic external reference the ERP uses to recognise a redelivery
 * @param traceparent the caller's W3C trace context, or null
 */
public record Delivery(UUID operationId, String part, Command command, String correlationId, String traceparent) {

    /** The external reference a backend de-duplicates on. */
    public String reference() {
        return operationId + ":" + part;
    }
}
