package dev.sluice.governance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.support.Management;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.MutableClock;
import dev.sluice.support.PostgresResource;
import dev.sluice.support.StillClock;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Rate limits counted in the gateway's own process, as it runs without Redis (the default): the
 * scenarios of {@link RateLimitScenarios} on a clock that moves only when the test moves it, so
 * every refusal and every reopening falls on the exact second the plan says.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
@TestProfile(InProcessRateLimitTest.Plans.class)
class InProcessRateLimitTest extends RateLimitScenarios {

    static final Path PLANS = Path.of("target/in-process-rate-limit-test/plans.yaml").toAbsolutePath();

    /** The scenarios' plans, in a file of this gateway's own, on a clock the test moves. */
    public static class Plans implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return plansIn(PLANS);
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(StillClock.class);
        }
    }

    @Inject
    MutableClock clock;

    @Override
    Path plans() {
        return PLANS;
    }

    /** Refused a second before Retry-After has passed, with one second left; admitted on it. */
    @Override
    Response admittedAfterRetryAfter(long retryAfter, Supplier<Response> request) {
        clock.advance(Duration.ofSeconds(retryAfter - 1));
        Response early = request.get();
        assertThat(early.statusCode()).as("a second before Retry-After").isEqualTo(429);
        assertThat(early.header("Retry-After")).isEqualTo("1");
        clock.advance(Duration.ofSeconds(1));
        return request.get();
    }

    @Override
    Instant limiterNow() {
        return clock.instant();
    }

    /** The clock stood still while the units were taken: the wait is exactly one unit's. */
    @Override
    void assertNextUnitDue(long retryAfter, long perUnit) {
        assertThat(retryAfter).isEqualTo(perUnit);
    }

    @Test
    void readinessSaysTheCountIsKeptInTheProcess() {
        Response ready = Management.given().get("/q/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.<String>path("checks.find { it.name == 'rate-limits' }.data.store")).isEqualTo("in-process");
        assertThat(ready.<String>path("checks.find { it.name == 'rate-limits' }.data.mode")).isEqualTo("normal");
    }
}
