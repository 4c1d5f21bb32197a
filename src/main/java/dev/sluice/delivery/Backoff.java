package dev.sluice.delivery;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long a part waits after a failed attempt: exponential from {@code initial}, capped at
 * {@code cap}, with jitter over the upper half so that parts failing together do not come back
 * together.
 */
record Backoff(Duration initial, Duration cap) {

    static Backoff of(DeliveryConfig config) {
        return new Backoff(config.initialBackoff(), config.maxBackoff());
    }

    /** The wait after the {@code attempts}-th failed attempt, drawn with {@code random}. */
    Duration after(int attempts, RandomGenerator random) {
        long ceiling = ceiling(attempts).toMillis();
        return Duration.ofMillis(ceiling / 2 + random.nextLong(ceiling / 2 + 1));
    }

    /** The longest wait after the {@code attempts}-th failed attempt: the doubled initial wait, or the cap. */
    Duration ceiling(int attempts) {
        if (attempts >= 31) {
            return cap;
        }
        long doubled = initial.toMillis() * (1L << Math.max(0, attempts - 1));
        return Duration.ofMillis(Math.min(cap.toMillis(), doubled));
    }
}
