package dev.sluice.erp;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * How one ERP backend has been answering this process: when it last answered a call (a business
 * refusal is an answer) and when a call last found it unable to answer, and why.
 */
public final class ErpHealth {

    /** The guard around deliveries to a backend, as its fault-tolerance metrics name it ({@code method}). */
    public static String postingCircuit(String backend) {
        return "erp.post " + backend;
    }

    /** The guard around reads from a backend, as its fault-tolerance metrics name it. */
    public static String readCircuit(String backend) {
        return "erp.read " + backend;
    }

    /** The state of a circuit breaker: calls go through, none is made, or trial calls are. */
    public enum Circuit { CLOSED, OPEN, HALF_OPEN }

    /** The health as of one moment. */
    public record Snapshot(Optional<Instant> lastSuccessAt, Optional<Instant> lastFailureAt,
            Optional<String> lastFailure, Circuit postingCircuit) {

        /** Of a backend that was never called. */
        public static final Snapshot NONE = new Snapshot(Optional.empty(), Optional.empty(), Optional.empty(),
                Circuit.CLOSED);
    }

    private record Failure(Instant at, String reason) {
    }

    private final Clock clock;
    private volatile Instant lastSuccess;
    private volatile Failure lastFailure;
    private volatile Circuit postingCircuit = Circuit.CLOSED;

    public ErpHealth(Clock clock) {
        this.clock = clock;
    }

    public void answered() {
        lastSuccess = clock.instant();
    }

    public void couldNotAnswer(Throwable failure) {
        lastFailure = new Failure(clock.instant(), failure.getMessage() == null
                ? failure.getClass().getSimpleName() : failure.getMessage());
    }

    /** The circuit in front of deliveries changed state. */
    public void postingCircuitChanged(Circuit state) {
        postingCircuit = state;
    }

    public Snapshot snapshot() {
        Failure failure = lastFailure;
        return new Snapshot(Optional.ofNullable(lastSuccess), Optional.ofNullable(failure).map(Failure::at),
                Optional.ofNullable(failure).map(Failure::reason), postingCircuit);
    }
}
