package dev.sluice.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** When a part the ERP keeps failing is given up: by how long it has failed, not by how often it was tried. */
class GiveUpTest {

    private static final OffsetDateTime FIRST_FAILURE = OffsetDateTime.parse("2026-12-05T18:00:00Z");

    @Test
    void anOutageShorterThanTheLimitGivesNothingUpHoweverManyAttemptsItCost() {
        GiveUp defaults = new GiveUp(Duration.ofHours(24), 0);

        assertThat(defaults.after(500, FIRST_FAILURE, FIRST_FAILURE.plusHours(23).plusMinutes(59))).isFalse();
        assertThat(defaults.after(501, FIRST_FAILURE, FIRST_FAILURE.plusHours(24))).isTrue();
    }

    @Test
    void aLimitOnAttemptsGivesUpEarlierWhereOneIsSet() {
        GiveUp twoAttempts = new GiveUp(Duration.ofHours(24), 2);

        assertThat(twoAttempts.after(1, FIRST_FAILURE, FIRST_FAILURE.plusSeconds(1))).isFalse();
        assertThat(twoAttempts.after(2, FIRST_FAILURE, FIRST_FAILURE.plusSeconds(2))).isTrue();
    }

    @Test
    void theReasonSaysHowLongTheErpFailedAndWhatItSaidLast() {
        GiveUp defaults = new GiveUp(Duration.ofHours(24), 0);

        assertThat(defaults.reason(288, FIRST_FAILURE, FIRST_FAILURE.plusHours(24).plusMinutes(3), "HTTP 503"))
                .isEqualTo("288 attempts over 24 h 3 min failed; the last: HTTP 503");
        assertThat(new GiveUp(Duration.ofHours(24), 2).reason(2, FIRST_FAILURE, FIRST_FAILURE.plusSeconds(3), "refused"))
                .isEqualTo("2 attempts failed; the last: refused");
    }
}
