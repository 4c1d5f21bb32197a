package dev.sluice.governance.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The in-process limiter's arithmetic, which the Redis script mirrors, on a clock the test turns. */
class LocalLimiterTest {

    private static final Plan TEN_PER_SECOND = new Plan("p", 10, 20, 1000, true);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final LocalLimiter limiter = new LocalLimiter(clock);

    @Test
    void aFullBurstIsAdmittedAtOnceAndTheNextUnitAfterOneInterval() {
        for (int i = 1; i <= 20; i++) {
            Decision decision = limiter.decide("c", TEN_PER_SECOND, 1, false);
            assertThat(decision.admitted()).as("request %d of the burst of 20", i).isTrue();
            assertThat(decision.burst().remaining()).isEqualTo(20 - i);
        }
        Decision refused = limiter.decide("c", TEN_PER_SECOND, 1, false);
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.violated()).containsExactly("burst");
        assertThat(refused.retryAfterMillis()).as("one unit at 10 per second").isEqualTo(100);

        clock.advance(Duration.ofMillis(99));
        assertThat(limiter.decide("c", TEN_PER_SECOND, 1, false).admitted()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(limiter.decide("c", TEN_PER_SECOND, 1, false).admitted()).isTrue();
    }

    @Test
    void overTimeTheSustainedRateIsAdmittedAndNoMore() {
        int admitted = 0;
        // 40 requests a second for 10 s against 10 a second with a burst of 20
        for (int ms = 0; ms < 10_000; ms += 25) {
            if (limiter.decide("c", TEN_PER_SECOND, 1, false).admitted()) {
                admitted++;
            }
            clock.advance(Duration.ofMillis(25));
        }
        assertThat(admitted).as("burst + rate × 10 s").isBetween(20 + 100 - 1, 20 + 100);
    }

    @Test
    void aCostAboveTheBurstPassesOnlyOnAFullBucketAndIsPaidOffAfterwards() {
        limiter.decide("c", TEN_PER_SECOND, 1, false);
        Decision refused = limiter.decide("c", TEN_PER_SECOND, 50, false);
        assertThat(refused.admitted()).as("50 units while the bucket is not full").isFalse();
        assertThat(refused.retryAfterMillis()).isEqualTo(100);

        clock.advance(Duration.ofMillis(100));
        Decision admitted = limiter.decide("c", TEN_PER_SECOND, 50, false);
        assertThat(admitted.admitted()).isTrue();
        assertThat(admitted.burst().remaining()).isZero();
        Decision next = limiter.decide("c", TEN_PER_SECOND, 1, false);
        assertThat(next.retryAfterMillis()).as("50 units at 10 per second, less the burst of 20, plus one")
                .isEqualTo(3100);
    }

    @Test
    void theDailyQuotaRefusesUntilMidnightUtc() {
        Plan plan = new Plan("p", 1000, 1000, 30, true);
        assertThat(limiter.decide("c", plan, 30, false).admitted()).isTrue();
        Decision refused = limiter.decide("c", plan, 1, false);
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.violated()).containsExactly("daily");
        assertThat(refused.daily().remaining()).isZero();
        assertThat(refused.retryAfterMillis()).as("10:00 to midnight").isEqualTo(Duration.ofHours(14).toMillis());

        clock.advance(Duration.ofHours(14));
        assertThat(limiter.decide("c", plan, 1, false).admitted()).as("the next day").isTrue();
    }

    @Test
    void clientsAreCountedApart() {
        Plan one = new Plan("p", 1, 1, 100, true);
        assertThat(limiter.decide("a", one, 1, false).admitted()).isTrue();
        assertThat(limiter.decide("a", one, 1, false).admitted()).isFalse();
        assertThat(limiter.decide("b", one, 1, false).admitted()).isTrue();
    }

    @Test
    void theHeadersNameBothPoliciesAndTheNearestOne() {
        Plan plan = new Plan("p", 10, 20, 25, true);
        Decision decision = limiter.decide("c", plan, 10, false);
        assertThat(RateLimits.headers(decision)).containsEntry("RateLimit-Policy",
                "\"burst\";q=20;w=2, \"daily\";q=25;w=86400")
                // burst has 10 of 20 left, daily 15 of 25: the burst is nearer exhaustion
                .containsEntry("RateLimit", "\"burst\";r=10;t=1");
    }
}
