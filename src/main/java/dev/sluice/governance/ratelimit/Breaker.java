package dev.sluice.governance.ratelimit;

/** Stops asking a store that keeps failing: after three failures in a row, for a second at a time. */
final class Breaker {

    private static final int FAILURES_TO_OPEN = 3;
    private static final long OPEN_MILLIS = 1000;

    private int consecutiveFailures;
    private long openUntil;

    synchronized boolean allows() {
        return System.currentTimeMillis() >= openUntil;
    }

    synchronized void failed() {
        consecutiveFailures++;
        if (consecutiveFailures >= FAILURES_TO_OPEN) {
            openUntil = System.currentTimeMillis() + OPEN_MILLIS;
        }
    }

    synchronized void succeeded() {
        consecutiveFailures = 0;
        openUntil = 0;
    }
}
