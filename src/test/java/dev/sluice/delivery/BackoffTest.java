package dev.sluice.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How long a part waits after a failed attempt: doubling from the first wait, capped, jittered over the upper half. */
class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

    @Test
    void theLongestWaitDoublesWithEachFailedAttemptUntilTheCap() {
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.ceiling(9)).isEqualTo(Duration.ofSeconds(256));
        assertThat(backoff.ceiling(10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.ceiling(1_000)).as("an ERP down for a day").isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void eachWaitLiesInTheUpperHalfOfItsCeilingAndTheyDiffer() {
        SplittableRandom random = new SplittableRandom(42);
        for (int attempts = 1; attempts <= 40; attempts++) {
            Duration ceiling = backoff.ceiling(attempts);
            for (int draw = 0; draw < 50; draw++) {
                assertThat(backoff.after(attempts, random))
                        .isBetween(ceiling.dividedBy(2), ceiling);
            }
        }
        // parts failing together come back spread out, not together
        assertThat(IntStream.range(0, 20).mapToObj(i -> backoff.after(8, random)).distinct().count())
                .isGreaterThan(10);
    }
}
