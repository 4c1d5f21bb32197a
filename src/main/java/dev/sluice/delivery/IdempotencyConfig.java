package dev.sluice.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long Idempotency-Keys are kept. */
@ConfigMapping(prefix = "sluice.idempotency")
public interface IdempotencyConfig {

    /** How long a key answers a repeat with the first answer; afterwards it is forgotten. */
    @WithDefault("PT24H")
    Duration retention();

    /**
     * How long a claimed key counts as "still being accepted". A process that dies while
     * accepting leaves its claim behind; after this, a repeat may take it over.
     */
    @WithDefault("PT1M")
    Duration claimTimeout();

    /** How often keys past their retention are deleted; until then an expired key only takes room. */
    @WithDefault("PT10M")
    Duration purgeInterval();
}
