package dev.sluice.erp;

import java.time.Duration;
import java.util.Optional;

/**
 * The ERP could not answer now (down, slow, throttling, failing), or was not asked because its
 * circuit is open after too many such failures; the same request may succeed later.
 */
public class ErpUnavailableException extends RuntimeException {

    /** What kept the ERP from answering; {@code CIRCUIT_OPEN}: the guard made no call. */
    public enum Cause { UNREACHABLE, TIMEOUT, THROTTLED, SERVER_ERROR, CIRCUIT_OPEN }

    private final Cause cause;
    private final transient Duration retryAfter;

    public ErpUnavailableException(Cause cause, String message, Duration retryAfter, Throwable source) {
        super(message, source);
        this.cause = cause;
        this.retryAfter = retryAfter;
    }

    public ErpUnavailableException(Cause cause, String message) {
        this(cause, message, null, null);
    }

    public Cause kind() {
        return cause;
    }

    /** How long the ERP asked us to wait, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
