package dev.sluice.erp;

/**
 * The ERP refused the gateway's credentials or its permission to act: an expired secret, a
 * revoked certificate, a role without access. Retrying will not help until an operator fixes
 * the backend's configuration, so the delivery is dead-lettered at once with this message.
 */
public class ErpAccessDeniedException extends RuntimeException {

    public ErpAccessDeniedException(String message) {
        super(message);
    }
}
