package dev.sluice.governance.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.support.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backend's allowance counted in this process (no Redis), on a clock the test turns: calls a
 * second and at once, and the pause an ERP's Retry-After imposes on every worker.
 */
class ErpAllowanceTest {

    private static final String PLANS = """
            plans:
              any: { rate: 1000, burst: 1000, daily-quota: 1000000, on-redis-failure: fail-open }
            backends:
              erp: { concurrency: 2, rate: 5, max-outbox-depth: 1000 }
            """;

    @TempDir
    Path folder;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private ErpAllowance allowance;

    @BeforeEach
    void inProcess() throws IOException {
        Path plans = Files.writeString(folder.resolve("plans.yaml"), PLANS);
        allowance = new ErpAllowance(new RateLimitPolicies(plans), new SimpleMeterRegistry(),
                new SharedRedis(null, Optional.empty()), new Settings(plans), clock, () -> 1);
    }

    @Test
    void callsArePermittedOneIntervalApartAtTheBackendsRate() {
        ErpAllowance.Permit first = allowance.acquire("erp");
        assertThat(first.granted()).isTrue();
        allowance.release("erp", first);

        ErpAllowance.Permit tooSoon = allowance.acquire("erp");
        assertThat(tooSoon.granted()).as("a second call at once, at 5 a second").isFalse();
        assertThat(tooSoon.waitMillis()).isEqualTo(200);

        clock.advance(Duration.ofMillis(199));
        assertThat(allowance.acquire("erp").granted()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(allowance.acquire("erp").granted()).as("one interval later").isTrue();
    }

    @Test
    void noMoreCallsAtOnceThanTheBackendTakes() {
        ErpAllowance.Permit one = allowance.acquire("erp");
        clock.advance(Duration.ofSeconds(1));
        ErpAllowance.Permit two = allowance.acquire("erp");
        clock.advance(Duration.ofSeconds(1));
        assertThat(one.granted()).isTrue();
        assertThat(two.granted()).isTrue();
        assertThat(allowance.acquire("erp").granted()).as("a third call while two are out").isFalse();

        allowance.release("erp", one);
        assertThat(allowance.acquire("erp").granted()).as("once one is answered").isTrue();
    }

    @Test
    void theErpsRetryAfterHoldsEveryCallBackForItsWholeLength() {
        allowance.release("erp", allowance.acquire("erp"));
        clock.advance(Duration.ofSeconds(1));

        allowance.pause("erp", Duration.ofSeconds(1));

        ErpAllowance.Permit held = allowance.acquire("erp");
        assertThat(held.granted()).as("right after the 429").isFalse();
        assertThat(held.waitMillis()).isEqualTo(1000);
        clock.advance(Duration.ofMillis(950));
        ErpAllowance.Permit almost = allowance.acquire("erp");
        assertThat(almost.granted()).as("50 ms before the pause ends").isFalse();
        assertThat(almost.waitMillis()).isEqualTo(50);
        clock.advance(Duration.ofMillis(50));
        assertThat(allowance.acquire("erp").granted()).as("when the pause ends").isTrue();
    }

    @Test
    void aBackendWithoutLimitsIsNeverHeldBack() {
        for (int i = 0; i < 100; i++) {
            assertThat(allowance.acquire("unlisted").granted()).isTrue();
        }
    }

    private record Settings(Path plans) implements RateLimitConfig {
        @Override
        public String file() {
            return plans.toString();
        }

        @Override
        public Duration reloadInterval() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Duration redisTimeout() {
            return Duration.ofMillis(100);
        }

        @Override
        public String redisPrefix() {
            return "sluice";
        }
    }
}
