package dev.sluice.platform;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The clock the gateway decides by where time is part of the decision (rate limits, the ERP's
 * allowance): UTC wall time. One bean, so a test can replace it with a clock it moves.
 */
@Singleton
public class Clocks {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
