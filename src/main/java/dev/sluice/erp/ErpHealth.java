package dev.sluice.erp;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * How one ERP backend has been answering this process: when it last answered a call (a business
 * refusal is an answer) and when a call last found it unable to answer, and why.
 */
public final class ErpHealth {

    /** The name of the circuit breaker in front of deliveries to a backend. */
    public static String postingCircuit(String backend) {
        return "erp.post " + backend;
    }

    /** The name of the circuit breaker in front of reads from a backend. */
    public static String readCircuit(String backend) {
        return "erp.read " + backend;
    }

    /** The state of a circuit breaker: calls go through, none is made, or trial calls are. */
    public enum Circuit { CLOSED, OPEN, HALF_OPEN }

    /**
     * The health as of one moment; {@code postingCircuit} is empty where the backend's own guard
     * does not report its circuit here (the sandbox's is read by its name).
     */
    public record Snapshot(Optional<Instant> lastSuccessAt, Optional<Instant> lastFailureAt,
            Optional<String> lastFailure, Optional<Circuit> postingCircuit) {
    }

    private record Failure(Instant at, String reason) {
    }

    private final Clock clock;
    private volatile Instant lastSuccess;
    private volatile Failure lastFailure;
    private volatile Circuit postingCircuit;

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
                Optional.ofNullable(failure).map(Failure::reason), Optional.ofNullable(postingCircuit));
    }
}
