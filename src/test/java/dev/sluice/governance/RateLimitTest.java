package dev.sluice.governance;

import static dev.sluice.support.Bodies.map;
import static dev.sluice.support.Bodies.timeApproval;
import static dev.sluice.support.Bodies.timeEntry;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.support.ApiTest;
import dev.sluice.support.BearerTokens;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.Metrics;
import dev.sluice.support.PostgresResource;
import dev.sluice.support.RedisResource;
import dev.sluice.support.RedisServer;
import dev.sluice.support.TestKeycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Rate limits as a client meets them, counted in a real Redis: the headers say what will happen
 * next, refusals say how long to wait, a batch pays per entry, plans change while running, and
 * when Redis goes away each plan does what its file says, without a 500 or a hang.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(RedisResource.class)
@TestProfile(RateLimitTest.Plans.class)
class RateLimitTest extends ApiTest {

    static final Path PLANS = Path.of("target/rate-limit-test/plans.yaml").toAbsolutePath();
    static final String PLANS_TEXT = """
            expected-replicas: 2
            plans:
              trickle: { rate: 0.2, burst: 5, daily-quota: 1000, on-redis-failure: fail-open }
              open: { rate: 50, burst: 100, daily-quota: 100000, on-redis-failure: fail-open }
              closed: { rate: 50, burst: 100, daily-quota: 100000, on-redis-failure: fail-closed }
              seven-a-day: { rate: 1000, burst: 1000, daily-quota: 7, on-redis-failure: fail-open }
            costs:
              approveTime: per-entry
            """;

    /** Plans of this test's own, in a file the test may change while the gateway runs. */
    public static class Plans implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(PLANS.getParent());
                Files.writeString(PLANS, PLANS_TEXT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("sluice.rate-limits.file", PLANS.toString(), "sluice.rate-limits.reload-interval", "PT0.2S");
        }
    }

    private static final String READ = "/api/v1/master-data/employees/EMP-001";

    @Test
    void theHeadersTellWhatHappensNextAndRetryAfterIsLongEnoughButNoLonger() throws Exception {
        String token = client("trickle");
        for (int i = 0; i < 3; i++) {
            Response anonymous = given().header(BearerTokens.ANONYMOUS, "yes").get(READ);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.header("RateLimit")).as("a request refused for its token is not charged").isNull();
        }
        for (int left = 4; left >= 0; left--) {
            Response admitted = read(token);
            assertThat(admitted.statusCode()).isEqualTo(200);
            assertThat(admitted.header("RateLimit-Policy")).isEqualTo("\"burst\";q=5;w=25, \"daily\";q=1000;w=86400");
            assertThat(admitted.header("RateLimit")).startsWith("\"burst\";r=" + left + ";t=");
        }

        Response refused = read(token);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.<String>path("type")).isEqualTo("https://sluice.dev/problems/quota-exceeded");
        assertThat(refused.<List<String>>path("violated-policies")).containsExactly("burst");
        assertThat(refused.header("RateLimit")).startsWith("\"burst\";r=0;t=");
        // five units at one per 5 s were taken within the last second: the next one is due in 4-5 s
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertThat(retryAfter).isEqualTo(5);

        Thread.sleep((retryAfter - 1) * 1000L);
        Response early = read(token);
        assertThat(early.statusCode()).as("a second before Retry-After").isEqualTo(429);
        assertThat(early.header("Retry-After")).isEqualTo("1");
        Thread.sleep(1000);
        assertThat(read(token).statusCode()).as("at Retry-After").isEqualTo(200);
    }

    @Test
    void aBatchCostsOneUnitPerEntryEvenWhenItsContentIsRefused() {
        String token = client("open");
        Response first = read(token);
        assertThat(first.header("RateLimit")).startsWith("\"burst\";r=99;");

        Response batch = given().auth().oauth2(token).contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(timeApproval(timeEntry(unique("TE"), "P-NONE"), timeEntry(unique("TE"), "P-NONE"),
                        timeEntry(unique("TE"), "P-NONE")))
                .post("/api/v1/time-approvals");
        assertThat(batch.statusCode()).as(batch.asString()).isEqualTo(422);
        int remaining = remaining(batch.header("RateLimit"));
        assertThat(remaining).as("99 less 3 entries, give or take what refilled meanwhile").isBetween(96, 97);
    }

    @Test
    void aClientWithoutAPlanGetsTheMostRestrictiveOne() {
        Response answer = read(TestKeycloak.get().token(TestKeycloak.OTHER_CLIENT));
        assertThat(answer.header("RateLimit-Policy")).startsWith("\"burst\";q=5;w=25");
    }

    @Test
    void aPlanChangeForAClientAppliesToItsNextRequest() {
        String name = unique("rl-change").toLowerCase();
        String token = client(name, "trickle");
        for (int i = 0; i < 5; i++) {
            read(token).then().statusCode(200);
        }
        read(token).then().statusCode(429);

        json().body(map("ratePlan", "open")).patch("/admin/v1/clients/" + name).then().statusCode(200);

        Response next = read(token);
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.header("RateLimit-Policy")).startsWith("\"burst\";q=100;w=2");
    }

    @Test
    void aChangedPlansFileAppliesWithoutARestart() throws Exception {
        String token = client("open");
        try {
            Files.writeString(PLANS, PLANS_TEXT.replace("open: { rate: 50, burst: 100,", "open: { rate: 50, burst: 150,"));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(read(token).header("RateLimit-Policy")).startsWith("\"burst\";q=150;w=3"));
        } finally {
            Files.writeString(PLANS, PLANS_TEXT);
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(read(token).header("RateLimit-Policy")).startsWith("\"burst\";q=100;w=2"));
    }

    @Test
    void theDailyQuotaRefusesUntilMidnightUtc() {
        String name = unique("rl-daily").toLowerCase();
        String token = client(name, "seven-a-day");
        for (int i = 0; i < 7; i++) {
            read(token).then().statusCode(200);
        }
        Response refused = read(token);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.<List<String>>path("violated-policies")).containsExactly("daily");
        assertThat(refused.header("RateLimit")).startsWith("\"daily\";r=0;t=");
        long toMidnight = Duration.between(Instant.now(),
                LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)).toSeconds();
        assertThat(Long.parseLong(refused.header("Retry-After"))).as("seconds to midnight UTC")
                .isBetween(toMidnight - 2, toMidnight + 2);
        String client = "client=\"" + name + "\"";
        assertThat(Metrics.value("sluice_rate_limit_requests_total", client, "outcome=\"admitted\""))
                .as("admitted requests of the client in the metrics").isEqualTo(7);
        assertThat(Metrics.value("sluice_rate_limit_requests_total", client, "outcome=\"rejected\"",
                "policy=\"daily\"")).as("requests rejected by its daily policy").isEqualTo(1);
    }

    @Test
    void whenRedisStopsEachPlanDoesWhatItsFileSaysAndRecoversWhenItReturns() {
        String open = client("open");
        String closed = client("closed");
        read(open).then().statusCode(200);
        read(closed).then().statusCode(200);
        RedisServer redis = RedisResource.server();
        List<Long> latencies = new ArrayList<>();
        redis.kill();
        try {
            for (int i = 0; i < 10; i++) {
                long started = System.nanoTime();
                Response admitted = read(open);
                Response unavailable = read(closed);
                latencies.add((System.nanoTime() - started) / 1_000_000);
                assertThat(admitted.statusCode()).as("fail-open while Redis is away").isEqualTo(200);
                assertThat(admitted.header("RateLimit-Policy"))
                        .as("counted here at the plan's share for 2 replicas").startsWith("\"burst\";q=50;w=2");
                assertThat(unavailable.statusCode()).as("fail-closed while Redis is away").isEqualTo(503);
                assertThat(unavailable.<String>path("type")).isEqualTo("https://sluice.dev/problems/service-unavailable");
                assertThat(unavailable.header("Retry-After")).isEqualTo("1");
            }
            Response ready = given().get("/q/health/ready");
            assertThat(ready.statusCode()).as("the gateway serves, so it stays ready").isEqualTo(200);
            assertThat(ready.<String>path("checks.find { it.name == 'rate-limits' }.data.mode")).isEqualTo("degraded");
            assertThat(latencies).as("ms for a fail-open and a fail-closed request without Redis")
                    .allMatch(ms -> ms < 1000);
        } finally {
            redis.resume();
            RedisResource.restarted(redis);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(read(closed).statusCode()).isEqualTo(200);
            assertThat(read(open).header("RateLimit-Policy")).startsWith("\"burst\";q=100;w=2");
        });
        assertThat(given().get("/q/health/ready").<String>path("checks.find { it.name == 'rate-limits' }.data.mode"))
                .isEqualTo("normal");
    }

    // --- helpers -----------------------------------------------------------------------------

    private static Response read(String token) {
        return given().auth().oauth2(token).accept("application/json, application/problem+json").get(READ);
    }

    /** A newly registered client on the plan, so it starts with a whole allowance; answers a token. */
    private static String client(String plan) {
        return client(unique("rl-" + plan).toLowerCase(), plan);
    }

    private static String client(String name, String plan) {
        Response registered = json().body(map("name", name, "ownerTeam", "rate-limit-tests",
                "scopes", List.of("masterdata:read", "time:write"), "ratePlan", plan, "contact", "tests@example.com"))
                .post("/admin/v1/clients");
        assertThat(registered.statusCode()).as(registered.asString()).isEqualTo(201);
        return TestKeycloak.get().token(name, registered.path("clientSecret"));
    }

    private static int remaining(String rateLimit) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(";r=(\\d+);").matcher(rateLimit);
        assertThat(m.find()).as(rateLimit).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
