package dev.sluice.governance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.platform.Replicas;
import dev.sluice.support.Management;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.PostgresResource;
import dev.sluice.support.RedisResource;
import dev.sluice.support.RedisServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Rate limits counted in a real Redis, as replicas share them: the scenarios of
 * {@link RateLimitScenarios} on Redis' own clock, and when Redis goes away each plan does what
 * its file says, without a 500 or a hang.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
@WithTestResource(RedisResource.class)
@TestProfile(RedisRateLimitTest.Plans.class)
class RedisRateLimitTest extends RateLimitScenarios {

    static final Path PLANS = Path.of("target/redis-rate-limit-test/plans.yaml").toAbsolutePath();

    /**
     * The scenarios' plans, in a file of this gateway's own. Redis has seconds to answer, not the
     * tenth of a second of production: on a busy machine a slow answer must not pass for Redis being
     * away, which the test brings about itself by stopping Redis.
     */
    public static class Plans implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new java.util.HashMap<>(plansIn(PLANS));
            config.put("sluice.rate-limits.redis-timeout", "PT5S");
            return config;
        }
    }

    @Override
    Path plans() {
        return PLANS;
    }

    /** Redis' clock runs on its own: ask until admitted; every refusal meanwhile names a shorter wait. */
    @Override
    Response admittedAfterRetryAfter(long retryAfter, Supplier<Response> request) {
        List<Long> waits = new ArrayList<>();
        AtomicReference<Response> answer = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(retryAfter + 60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            answer.set(request.get());
            if (answer.get().statusCode() != 429) {
                return true;
            }
            waits.add(Long.parseLong(answer.get().header("Retry-After")));
            return false;
        });
        assertThat(waits).as("Retry-After of each refusal while waiting").allSatisfy(wait ->
                assertThat(wait).isBetween(1L, retryAfter));
        return answer.get();
    }

    /** Redis' TIME, on this machine's clock. */
    @Override
    Instant limiterNow() {
        return Instant.now();
    }

    /** Redis' clock ran while the units were taken: the wait is shorter by that time, never longer. */
    @Override
    void assertNextUnitDue(long retryAfter, long perUnit) {
        assertThat(retryAfter).isBetween(1L, perUnit);
    }

    @Inject
    Replicas replicas;

    @Inject
    EntityManager entityManager;

    @Test
    void whenRedisStopsEachPlanDoesWhatItsFileSaysAndRecoversWhenItReturns() {
        String open = client("open");
        String closed = client("closed");
        read(open).then().statusCode(200);
        read(closed).then().statusCode(200);
        // a second gateway process announces itself, as replicas of one deployment do
        heartbeat("replica-b", "now()");
        replicas.beat();
        assertThat(replicas.alive()).as("gateway processes alive").isEqualTo(2);
        RedisServer redis = RedisResource.server();
        redis.kill();
        try {
            for (int i = 0; i < 10; i++) {
                Response admitted = read(open);
                Response unavailable = read(closed);
                assertThat(admitted.statusCode()).as("fail-open while Redis is away").isEqualTo(200);
                assertThat(admitted.header("RateLimit-Policy"))
                        .as("counted here at the plan's share for the 2 processes alive")
                        .startsWith("\"burst\";q=50;w=2");
                assertThat(unavailable.statusCode()).as("fail-closed while Redis is away").isEqualTo(503);
                assertThat(unavailable.<String>path("type")).isEqualTo("https://sluice.dev/problems/service-unavailable");
                assertThat(unavailable.header("Retry-After")).isEqualTo("1");
            }
            // the other process stopped announcing itself three heartbeats ago: this one counts alone
            heartbeat("replica-b", "now() - interval '1 minute'");
            replicas.beat();
            assertThat(read(open).header("RateLimit-Policy")).as("counted here at the whole plan, alone")
                    .startsWith("\"burst\";q=100;w=2");
            Response ready = Management.given().get("/q/health/ready");
            assertThat(ready.statusCode()).as("the gateway serves, so it stays ready").isEqualTo(200);
            assertThat(ready.<String>path("checks.find { it.name == 'rate-limits' }.data.mode")).isEqualTo("degraded");
        } finally {
            redis.resume();
            RedisResource.restarted(redis);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(read(closed).statusCode()).isEqualTo(200);
            assertThat(read(open).header("RateLimit-Policy")).startsWith("\"burst\";q=100;w=2");
        });
        assertThat(Management.given().get("/q/health/ready").<String>path("checks.find { it.name == 'rate-limits' }.data.mode"))
                .isEqualTo("normal");
    }

    /** Records a heartbeat of another gateway process at {@code at} (an SQL expression). */
    private void heartbeat(String name, String at) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "insert into replica (name, started_at, heartbeat_at) values (?1, now(), " + at + ") "
                        + "on conflict (name) do update set heartbeat_at = excluded.heartbeat_at")
                .setParameter(1, name).executeUpdate());
    }
}
