package dev.sluice.governance.ratelimit;

import java.util.Comparator;
import java.util.Map;

/**
 * The plans and costs of {@code policies/rate-limits.yaml}, as validated.
 *
 * @param costs units a request costs by operationId; {@link #PER_ENTRY} charges a batch per entry
 * @param backends what each ERP backend can take, by backend name
 */
public record RateLimitPolicy(Map<String, Plan> plans, Map<String, Integer> costs,
        Map<String, BackendLimit> backends) {

    public static final int PER_ENTRY = -1;

    public RateLimitPolicy {
        plans = Map.copyOf(plans);
        costs = Map.copyOf(costs);
        backends = Map.copyOf(backends);
    }

    /** What the backend can take; empty when the file sets no limits for it. */
    public java.util.Optional<BackendLimit> backend(String name) {
        return java.util.Optional.ofNullable(backends.get(name));
    }

    /** The plan of a client registered with {@code planName}; the most restrictive one when there is none. */
    public Plan plan(String planName) {
        Plan plan = planName == null ? null : plans.get(planName);
        return plan != null ? plan : mostRestrictive();
    }

    public Plan mostRestrictive() {
        return plans.values().stream()
                .min(Comparator.comparingDouble(Plan::rate).thenComparingLong(Plan::burst).thenComparing(Plan::name))
                .orElseThrow();
    }

    /** What a request of the operation costs; {@link #PER_ENTRY} when its body decides. */
    public int cost(String operationId) {
        return costs.getOrDefault(operationId, 1);
    }
}
