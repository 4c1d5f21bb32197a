package dev.sluice.governance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");
    private static final Caller PSA = new Caller("psa-demo", "service-account-psa-demo", Set.of("time:write"));

    private final MutableClock clock = new MutableClock(NOW);
    private final VerifiedTokens tokens = new VerifiedTokens(clock);

    @Test
    void aVerifiedTokenNamesItsCallerUntilItExpires() {
        tokens.verified("header.payload.signature", PSA, NOW.plusSeconds(300).getEpochSecond());

        clock.advance(Duration.ofSeconds(299));
        assertThat(tokens.caller("header.payload.signature")).contains(PSA);
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.caller("header.payload.signature")).as("at exp the identity provider decides again").isEmpty();
    }

    @Test
    void onlyTheWholeTokenIsFound() {
        tokens.verified("header.payload.signature", PSA, NOW.plusSeconds(300).getEpochSecond());

        assertThat(tokens.caller("header.payload.signaturf")).isEmpty();
        assertThat(tokens.caller("header.payload.")).isEmpty();
        assertThat(tokens.caller("header.payload.signature ")).isEmpty();
    }

    @Test
    void aTokenAlreadyExpiredOrWithoutExpiryIsNotKept() {
        tokens.verified("expired", PSA, NOW.minusSeconds(1).getEpochSecond());
        tokens.verified("no-exp", PSA, 0);

        assertThat(tokens.caller("expired")).isEmpty();
        assertThat(tokens.caller("no-exp")).isEmpty();
    }
}
