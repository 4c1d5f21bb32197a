package dev.sluice.governance.ratelimit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a limiter decided for one request, with the state of each policy after it.
 *
 * @param retryAfterMillis when refused, how long until the request would be admitted
 * @param degraded whether it was decided in this process because Redis could not be reached
 */
public record Decision(boolean admitted, Plan plan, long cost, PolicyState burst, PolicyState daily,
        long retryAfterMillis, boolean degraded) {

    /**
     * One policy after the request, in the terms of the RateLimit headers.
     *
     * @param quota units per window
     * @param windowSeconds the policy's window
     * @param remaining units left now
     * @param resetSeconds seconds until the whole quota is available again
     */
    public record PolicyState(String name, long quota, long windowSeconds, long remaining, long resetSeconds,
            boolean violated) {
    }

    public List<PolicyState> policies() {
        return List.of(burst, daily);
    }

    /** The policy closest to exhaustion: the smallest share of its quota remaining. */
    public PolicyState nearest() {
        return policies().stream()
                .min(Comparator.comparingDouble((PolicyState p) -> (double) p.remaining() / p.quota()))
                .orElseThrow();
    }

    public List<String> violated() {
        List<String> names = new ArrayList<>();
        for (PolicyState policy : policies()) {
            if (policy.violated()) {
                names.add(policy.name());
            }
        }
        return names;
    }

    /** Whole seconds to wait, rounded up, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfterMillis + 999) / 1000);
    }

    /**
     * Builds a decision from a generic cell rate algorithm step: the burst policy's state (theoretical
     * arrival time past now) and the daily count.
     */
    static Decision of(boolean admitted, Plan plan, long cost, long burstRemaining, long burstResetMillis,
            boolean burstViolated, long dailyUsed, long dailyResetMillis, boolean dailyViolated, long retryAfterMillis,
            boolean degraded) {
        PolicyState burst = new PolicyState("burst", plan.burst(), plan.burstWindowSeconds(), burstRemaining,
                (burstResetMillis + 999) / 1000, burstViolated);
        PolicyState daily = new PolicyState("daily", plan.dailyQuota(), 86_400,
                Math.max(0, plan.dailyQuota() - dailyUsed), (dailyResetMillis + 999) / 1000, dailyViolated);
        return new Decision(admitted, plan, cost, burst, daily, admitted ? 0 : retryAfterMillis, degraded);
    }
}
