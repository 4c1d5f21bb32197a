package dev.sluice.delivery;

import dev.sluice.governance.ratelimit.ErpAllowance;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Lets a claimed part through to its ERP only within the backend's allowance (calls per second
 * and concurrent calls, across every process). A short wait is waited out here; a longer one
 * (the backend's own Retry-After, say) puts the part back until then, counting no attempt.
 */
@ApplicationScoped
class AllowanceGate {

    /** The longest single wait for a permit that a worker sits out rather than putting the part back. */
    private static final long SHORT_WAIT_MILLIS = 1000;
    /** The longest a worker waits in all for one part's permit. */
    private static final long MOST_WAITED_MILLIS = 2000;

    private final ErpAllowance allowance;
    private final OutboxLeases leases;

    AllowanceGate(ErpAllowance allowance, OutboxLeases leases) {
        this.allowance = allowance;
        this.leases = leases;
    }

    /**
     * Runs {@code delivery} holding a permit of the claim's backend, or puts the claim back when
     * none comes soon; {@code running} says whether the worker is still wanted.
     */
    void pass(Claim claim, BooleanSupplier running, Runnable delivery) {
        ErpAllowance.Permit permit = allowance.acquire(claim.backend());
        long waited = 0;
        while (!permit.granted() && permit.waitMillis() <= SHORT_WAIT_MILLIS && waited < MOST_WAITED_MILLIS
                && running.getAsBoolean()) {
            pause(permit.waitMillis());
            waited += permit.waitMillis();
            permit = allowance.acquire(claim.backend());
        }
        if (!permit.granted()) {
            // looked at again within a second at the latest, so a raised limit applies soon
            leases.putBack(claim, Duration.ofMillis(Math.min(SHORT_WAIT_MILLIS, Math.max(permit.waitMillis(), 20))));
            return;
        }
        try {
            delivery.run();
        } finally {
            allowance.release(claim.backend(), permit);
        }
    }

    /** The ERP throttles: every process slows its drain to the backend, not just the worker that was told. */
    void throttled(String backend, Duration retryAfter) {
        allowance.pause(backend, retryAfter);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
