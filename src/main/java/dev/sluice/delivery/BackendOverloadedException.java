package dev.sluice.delivery;

import java.time.Duration;

/**
 * A write refused because the ERP backend it goes to has more writes waiting than the gateway
 * queues for it ({@code max-outbox-depth}): the caller is asked to come back once the backend's rate
 * has brought the queue back under its bound.
 */
public class BackendOverloadedException extends RuntimeException {

    private final transient Duration retryAfter;

    BackendOverloadedException(String backend, long waiting, long bound, Duration retryAfter) {
        super("The ERP " + backend + " has " + waiting + " writes waiting for it, more than the " + bound
                + " the gateway queues; new writes are refused until it catches up", null, false, false);
        this.retryAfter = retryAfter;
    }

    /** When the queue should be back under its bound. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
