package dev.sluice.governance;

import static dev.sluice.support.Bodies.map;
import static dev.sluice.support.Bodies.timeApproval;
import static dev.sluice.support.Bodies.timeEntry;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.support.ApiTest;
import dev.sluice.support.BearerTokens;
import dev.sluice.support.Metrics;
import dev.sluice.support.TestKeycloak;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Rate limits as a client meets them, whichever limiter counts: the headers say what will happen
 * next, refusals say how long to wait, a batch pays per entry, plans change while running, and a
 * day's quota renews at midnight UTC. Each subclass runs these against a gateway of its own, with
 * its limiter and a way to let the limiter's time pass.
 */
abstract class RateLimitScenarios extends ApiTest {

    static final String PLANS_TEXT = """
            plans:
              trickle: { rate: 0.2, burst: 5, daily-quota: 1000, on-redis-failure: fail-open }
              batches: { rate: 0.25, burst: 100, daily-quota: 100000, on-redis-failure: fail-open }
              open: { rate: 50, burst: 100, daily-quota: 100000, on-redis-failure: fail-open }
              closed: { rate: 50, burst: 100, daily-quota: 100000, on-redis-failure: fail-closed }
              seven-a-day: { rate: 1000, burst: 1000, daily-quota: 7, on-redis-failure: fail-open }
            costs:
              approveTime: per-entry
            """;

    static final String READ = "/api/v1/master-data/employees/EMP-001";

    /** Writes the plans to a file of the test's own, which a test may change while the gateway runs. */
    static Map<String, String> plansIn(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, PLANS_TEXT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("sluice.rate-limits.file", file.toString(), "sluice.rate-limits.reload-interval", "PT0.2S");
    }

    /** The plans file of this subclass's gateway. */
    abstract Path plans();

    /**
     * Lets the limiter's time pass until a client refused with {@code Retry-After: retryAfter}
     * may send again, and answers the request that is then admitted.
     */
    abstract Response admittedAfterRetryAfter(long retryAfter, Supplier<Response> request);

    /** The time the limiter decides by, as near as the test can tell. */
    abstract Instant limiterNow();

    /**
     * The seconds a client that just took {@code units} units at one per {@code perUnit} s must
     * wait, as this limiter's clock allows the test to know it: exactly {@code perUnit} on a clock
     * that stands still between requests; on one that runs, up to the time the requests took less.
     */
    abstract void assertNextUnitDue(long retryAfter, long perUnit);

    @Test
    void theHeadersTellWhatHappensNextAndRetryAfterIsLongEnoughButNoLonger() {
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
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.<String>path("type")).isEqualTo("https://sluice.dev/problems/quota-exceeded");
        assertThat(refused.<List<String>>path("violated-policies")).containsExactly("burst");
        assertThat(refused.header("RateLimit")).startsWith("\"burst\";r=0;t=");
        // five units at one per 5 s were just taken: the next one is due in 5 s
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertNextUnitDue(retryAfter, 5);

        Response admitted = admittedAfterRetryAfter(retryAfter, () -> read(token));
        assertThat(admitted.statusCode()).as("once Retry-After has passed").isEqualTo(200);
    }

    @Test
    void aBatchCostsOneUnitPerEntryEvenWhenItsContentIsRefused() {
        String token = client("batches");
        Response first = read(token);
        assertThat(first.header("RateLimit")).startsWith("\"burst\";r=99;");

        Response batch = given().auth().oauth2(token).contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(timeApproval(timeEntry(unique("TE"), "P-NONE"), timeEntry(unique("TE"), "P-NONE"),
                        timeEntry(unique("TE"), "P-NONE")))
                .post("/api/v1/time-approvals");
        assertThat(batch.statusCode()).as(batch.asString()).isEqualTo(422);
        assertThat(remaining(batch.header("RateLimit")))
                .as("99 less 3 entries; the plan refills one unit each 4 s, so at most one came back meanwhile")
                .isBetween(96, 97);
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
            Files.writeString(plans(), PLANS_TEXT.replace("open: { rate: 50, burst: 100,", "open: { rate: 50, burst: 150,"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(read(token).header("RateLimit-Policy")).startsWith("\"burst\";q=150;w=3"));
        } finally {
            Files.writeString(plans(), PLANS_TEXT);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(read(token).header("RateLimit-Policy")).startsWith("\"burst\";q=100;w=2"));
    }

    @Test
    void theDailyQuotaRefusesUntilMidnightUtc() {
        String name = unique("rl-daily").toLowerCase();
        String token = client(name, "seven-a-day");
        for (int i = 0; i < 7; i++) {
            read(token).then().statusCode(200);
        }
        Instant before = limiterNow();
        Response refused = read(token);
        Instant after = limiterNow();
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.<List<String>>path("violated-policies")).containsExactly("daily");
        assertThat(refused.header("RateLimit")).startsWith("\"daily\";r=0;t=");
        assertThat(Long.parseLong(refused.header("Retry-After"))).as("seconds to midnight UTC")
                .isBetween(secondsToMidnight(after), secondsToMidnight(before) + 1);
        String client = "client=\"" + name + "\"";
        assertThat(Metrics.value("sluice_rate_limit_requests_total", client, "outcome=\"admitted\""))
                .as("admitted requests of the client in the metrics").isEqualTo(7);
        assertThat(Metrics.value("sluice_rate_limit_requests_total", client, "outcome=\"rejected\"",
                "policy=\"daily\"")).as("requests rejected by its daily policy").isEqualTo(1);
    }

    // --- helpers -----------------------------------------------------------------------------

    static Response read(String token) {
        return given().auth().oauth2(token).accept("application/json, application/problem+json").get(READ);
    }

    /** A newly registered client on the plan, so it starts with a whole allowance; answers a token. */
    static String client(String plan) {
        return client(unique("rl-" + plan).toLowerCase(), plan);
    }

    static String client(String name, String plan) {
        Response registered = json().body(map("name", name, "ownerTeam", "rate-limit-tests",
                "scopes", List.of("masterdata:read", "time:write"), "ratePlan", plan, "contact", "tests@example.com"))
                .post("/admin/v1/clients");
        assertThat(registered.statusCode()).as(registered.asString()).isEqualTo(201);
        return TestKeycloak.get().token(name, registered.path("clientSecret"));
    }

    private static long secondsToMidnight(Instant at) {
        Instant midnight = LocalDate.ofInstant(at, ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return Duration.between(at, midnight).toSeconds();
    }

    private static int remaining(String rateLimit) {
        Matcher m = Pattern.compile(";r=(\\d+);").matcher(rateLimit);
        assertThat(m.find()).as(rateLimit).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
