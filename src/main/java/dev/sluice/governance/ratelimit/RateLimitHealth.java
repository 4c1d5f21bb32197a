package dev.sluice.governance.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness names where rate limits are counted and whether that store answers. Without Redis
 * the gateway still serves, each plan per its {@code on-redis-failure} rule, so it stays ready
 * and says it is degraded.
 */
@Readiness
@ApplicationScoped
public class RateLimitHealth implements HealthCheck {

    private final RateLimits limits;

    RateLimitHealth(RateLimits limits) {
        this.limits = limits;
    }

    @Override
    public HealthCheckResponse call() {
        RateLimits.Mode mode = limits.mode();
        return HealthCheckResponse.named("rate-limits").up()
                .withData("store", mode.store())
                .withData("mode", mode.degraded() ? "degraded" : "normal")
                .withData("degradedForSeconds", mode.degradedForSeconds())
                .build();
    }
}
