package dev.sluice.erp;

import java.time.Duration;
import java.util.Optional;

/** The ERP could not answer now (down, slow, throttling); the same request may succeed later. */
public class ErpUnavailableException extends RuntimeException {

    private final transient Duration retryAfter;

    public ErpUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public ErpUnavailableException(String message) {
        this(message, null, null);
    }

    /** How long the ERP asked us to wait, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
