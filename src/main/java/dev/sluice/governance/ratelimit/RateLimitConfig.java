package dev.sluice.governance.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where the rate-limit plans are and how the shared store is used. */
@ConfigMapping(prefix = "sluice.rate-limits")
public interface RateLimitConfig {

    /** The plans file. */
    @WithDefault("policies/rate-limits.yaml")
    String file();

    /** How often the plans file is checked for changes. */
    @WithDefault("PT1S")
    Duration reloadInterval();

    /** Longest wait for Redis on a request; past it the plan's Redis-failure rule applies. */
    @WithDefault("PT0.1S")
    Duration redisTimeout();

    /** Prefix of the gateway's keys in Redis. */
    @WithDefault("sluice")
    String redisPrefix();
}
