package dev.sluice.support;

import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * The gateway's clock replaced by a {@link MutableClock} that stands still until a test moves it,
 * in a gateway whose test profile lists this class among its enabled alternatives. Tests inject
 * the {@link MutableClock} to move it.
 */
@Alternative
@Singleton
public class StillClock {

    /** 10:00 UTC: fourteen hours before the day's quotas renew. */
    public static final Instant START = Instant.parse("2026-11-26T10:00:00Z");

    @Produces
    @Alternative
    @Singleton
    MutableClock clock() {
        return new MutableClock(START);
    }
}
