package dev.sluice.erp;

import java.util.List;

/**
 * Faults a backend simulates on request: an outage (connection refused), latency (fixed, plus a
 * random part up to a maximum), a rate of server errors, throttling with a Retry-After, and
 * business refusals for some contracts. For integrators' chaos tests and the gateway's own.
 */
public interface FaultInjection {

    /** What to simulate; all off is {@link #NONE}. */
    record Faults(boolean outage, int fixedLatencyMs, int randomLatencyMs, double errorRate,
            Integer throttleRetryAfterSeconds, List<String> refuseContracts, Integer postingsPerSecond) {

        public static final Faults NONE = new Faults(false, 0, 0, 0, null, List.of(), null);

        public Faults {
            refuseContracts = refuseContracts == null ? List.of() : List.copyOf(refuseContracts);
        }
    }

    Faults faults();

    /** Takes effect at once in this process, and within a second in every process sharing the backend. */
    Faults set(Faults faults);
}
