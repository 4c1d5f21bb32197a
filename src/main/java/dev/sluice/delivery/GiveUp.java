package dev.sluice.delivery;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * When a part the ERP keeps failing is given up (dead-lettered): once it has failed for
 * {@code giveUpAfter} since its first failed attempt, or, where a limit is set, after that many
 * failed attempts. An ERP that is down for hours uses up no budget of attempts: what it was sent
 * waits, retried at the capped back-off, and posts when it returns.
 */
record GiveUp(Duration giveUpAfter, int maxAttempts) {

    static GiveUp of(DeliveryConfig config) {
        return new GiveUp(config.giveUpAfter(), config.maxAttempts());
    }

    /** Whether a part that failed its {@code attempts}-th attempt now, first failing at {@code firstFailedAt}, is given up. */
    boolean after(int attempts, OffsetDateTime firstFailedAt, OffsetDateTime now) {
        if (maxAttempts > 0 && attempts >= maxAttempts) {
            return true;
        }
        return !now.isBefore(firstFailedAt.plus(giveUpAfter));
    }

    /** Why it was given up, for the operation's problem. */
    String reason(int attempts, OffsetDateTime firstFailedAt, OffsetDateTime now, String lastFailure) {
        if (maxAttempts > 0 && attempts >= maxAttempts) {
            return attempts + " attempts failed; the last: " + lastFailure;
        }
        return attempts + " attempts over " + rounded(Duration.between(firstFailedAt, now)) + " failed; the last: "
                + lastFailure;
    }

    private static String rounded(Duration duration) {
        if (duration.toHours() >= 1) {
            return duration.toHours() + " h " + duration.toMinutesPart() + " min";
        }
        if (duration.toMinutes() >= 1) {
            return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
        }
        return duration.toMillis() + " ms";
    }
}
