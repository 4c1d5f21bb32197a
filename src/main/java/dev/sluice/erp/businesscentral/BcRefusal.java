package dev.sluice.erp.businesscentral;

/**
 * Business Central refused a request for a business reason (a validation or application error):
 * sending it again unchanged will not help. Carries BC's own error code and message, which become
 * the refusal the caller reads.
 */
final class BcRefusal extends RuntimeException {

    private final String code;

    BcRefusal(String code, String message) {
        super(message);
        this.code = code;
    }

    /** BC's error code, e.g. {@code Application_DialogException}. */
    String code() {
        return code;
    }
}
