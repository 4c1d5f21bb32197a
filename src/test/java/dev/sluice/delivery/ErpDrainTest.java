package dev.sluice.delivery;

import static dev.sluice.support.Bodies.timeApproval;
import static dev.sluice.support.Bodies.timeEntry;
import static dev.sluice.support.Bodies.workedOn;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.governance.ratelimit.RateLimitPolicies;
import dev.sluice.support.ApiTest;
import dev.sluice.support.Faults;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.Metrics;
import dev.sluice.support.PostgresResource;
import dev.sluice.support.RedisResource;
import dev.sluice.support.RedisServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ERP is never flooded: a burst of accepted writes drains at the rate its backend limit
 * allows, counted in Redis as replicas share it, and when the ERP throttles anyway, its
 * Retry-After holds every worker back.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
@WithTestResource(RedisResource.class)
@TestProfile(ErpDrainTest.FiveCallsASecond.class)
class ErpDrainTest extends ApiTest {

    static final Path PLANS = Path.of("target/erp-drain-test/plans.yaml").toAbsolutePath();

    /** Generous client plans; the sandbox backend may take 8 calls at once and 5 a second. */
    public static class FiveCallsASecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(PLANS.getParent());
                Files.writeString(PLANS, Files.readString(Path.of("src/test/resources/rate-limits/unmetered.yaml"))
                        + "backends:\n  sandbox: { concurrency: 8, rate: 5, max-outbox-depth: 100000 }\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // Redis has seconds to answer: on a busy machine a slow answer must not pass for Redis being away
            return Map.of("sluice.rate-limits.file", PLANS.toString(),
                    "sluice.rate-limits.reload-interval", "PT0.2S",
                    "sluice.rate-limits.redis-timeout", "PT5S",
                    "sluice.metrics.outbox-refresh", "PT0.2S",
                    "sluice.delivery.workers", "8",
                    "sluice.delivery.max-attempts", "1000");
        }
    }

    private static final int PROJECTS = 10;

    @Inject
    DataSource dataSource;

    @Inject
    CircuitBreakerMaintenance circuits;

    @Inject
    RateLimitPolicies policies;

    @AfterEach
    void clearFaults() {
        Faults.clear();
        circuits.resetAll();
    }

    @Test
    void aBurstOf5000EntriesDrainsAtTheBackendsRateAndTheErpNeverHasToThrottle() throws Exception {
        List<String> projects = projects();
        // the sandbox itself takes at most 7 postings a second: above the gateway's 5 with room for
        // the jitter of a busy machine, so it never needs to say no
        Faults.set(Map.of("postingsPerSecond", 7));
        double throttledBefore = Metrics.value("sluice_delivery_attempts_total", "backend=\"sandbox\"", "outcome=\"THROTTLED\"");
        String fiveASecond = Files.readString(PLANS);
        List<String> locations;
        try {
            // the whole burst is accepted before the drain starts: one call in 1,000 s meanwhile
            Files.writeString(PLANS, fiveASecond.replace("rate: 5,", "rate: 0.001,"));
            awaitBackendRate(0.001);
            locations = acceptInParallel(projects, 100, 50);
        } finally {
            Files.writeString(PLANS, fiveASecond);
        }
        awaitBackendRate(5);
        awaitAllPosted(locations, Duration.ofSeconds(300));

        List<Instant> postings = callStarts(locations);
        assertThat(postings).as("calls to post 100 batches of 50 entries").hasSize(100);
        // the one call let through before the limit was raised is not part of the drain
        postings = postings.subList(1, postings.size());
        double seconds = Duration.between(postings.get(0), postings.get(postings.size() - 1)).toMillis() / 1000d;
        // Never above the limit, counted on the calls' own start times (with a little for recording
        // them). How close to the limit the drain comes is the machine's speed: scripts/bench/run
        // measures it (phase erp-limit).
        assertThat(postings.size() - 1).as("calls after the first in the drain's %.1f s, at 5 a second", seconds)
                .isLessThanOrEqualTo((int) Math.ceil(5.25 * seconds));
        assertThat(busiestSecond(postings)).as("most calls started in any one second").isLessThanOrEqualTo(7);
        assertThat(Metrics.value("sluice_delivery_attempts_total", "backend=\"sandbox\"", "outcome=\"THROTTLED\"") - throttledBefore)
                .as("429s from the ERP").isZero();
        assertThat(count("select count(*) from sandbox.time_entry where project_code = any(?)", projects))
                .as("entries in the ERP").isEqualTo(5000);
    }

    @Test
    void whenTheErpThrottlesAnywayItsRetryAfterHoldsEveryWorkerBack() throws Exception {
        List<String> projects = projects();
        // the sandbox takes only 3 postings a second, fewer than the gateway's 5: it will answer 429
        Faults.set(Map.of("postingsPerSecond", 3));

        List<String> locations = acceptInParallel(projects, 20, 5);
        awaitAllPosted(locations, Duration.ofSeconds(300));

        List<String> throttled = new ArrayList<>();
        for (String location : locations) {
            String correlationId = given().get(location).path("correlationId");
            List<Map<String, Object>> steps = given().get("/api/v1/lineage/" + correlationId).path("steps");
            for (Map<String, Object> step : steps) {
                String detail = (String) step.get("detail");
                if ("RETRY_SCHEDULED".equals(step.get("step")) && detail.contains("HTTP 429")) {
                    throttled.add(detail);
                }
            }
        }
        assertThat(throttled).as("429s the ERP answered").isNotEmpty();
        assertThat(throttled).as("each throttled write's next attempt, from the ERP's Retry-After: 1")
                .allSatisfy(detail -> assertThat(nextAttemptMillis(detail)).isGreaterThanOrEqualTo(1000));
        assertThat(throttled.size()).as("429s for 20 postings (the shared pause keeps workers from hammering)")
                .isLessThan(20);
    }

    @Test
    void writesAreRefusedWhileTheOutboxIsOverItsBoundAndReadsAndRepeatsAreNot() throws Exception {
        String original = Files.readString(PLANS);
        String projectCode = postedProject(postedContract());
        // one entry posted, so validation has read the project before the ERP goes away
        posted("/api/v1/time-approvals", timeApproval(entry(projectCode, 30)));
        Faults.set(Map.of("outage", true));
        String key = UUID.randomUUID().toString();
        Map<String, Object> firstBatch = timeApproval(entry(projectCode, 0));
        try {
            Response first = json().header("Idempotency-Key", key).body(firstBatch).post("/api/v1/time-approvals");
            assertThat(first.statusCode()).isEqualTo(202);
            for (int i = 1; i < 3; i++) {
                write("/api/v1/time-approvals", timeApproval(entry(projectCode, i))).then().statusCode(202);
            }
            Files.writeString(PLANS, original.replace("max-outbox-depth: 100000", "max-outbox-depth: 2"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Response refused = write("/api/v1/time-approvals", timeApproval(entry(projectCode, 10)));
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.<String>path("detail")).contains("writes waiting for it, more than the 2");
                assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 300);
            });
            given().get("/api/v1/master-data/employees/EMP-001").then().statusCode(200);
            Response repeated = json().header("Idempotency-Key", key).body(firstBatch).post("/api/v1/time-approvals");
            assertThat(repeated.statusCode()).as("a write accepted before, repeated while shedding").isEqualTo(202);
            assertThat(repeated.<String>path("operationId")).isEqualTo(first.path("operationId"));
        } finally {
            Files.writeString(PLANS, original);
            Faults.clear();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                write("/api/v1/time-approvals", timeApproval(entry(projectCode, 20))).then().statusCode(202));
    }

    @Test
    void withoutRedisEachProcessDrainsAtItsShareAndNothingWaitsForever() throws Exception {
        String projectCode = postedProject(postedContract());
        double permittedBefore = Metrics.value("sluice_erp_calls_total", "backend=\"sandbox\"",
                "outcome=\"permitted\"");
        RedisServer redis = RedisResource.server();
        redis.kill();
        List<String> locations = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                Response accepted = write("/api/v1/time-approvals", timeApproval(entry(projectCode, i)));
                assertThat(accepted.statusCode()).as("accepted while Redis is away: " + accepted.asString())
                        .isEqualTo(202);
                locations.add(accepted.header("Location"));
            }
            awaitAllPosted(locations, Duration.ofSeconds(120));
        } finally {
            redis.resume();
            RedisResource.restarted(redis);
        }
        assertThat(Metrics.value("sluice_erp_calls_total", "backend=\"sandbox\"", "outcome=\"permitted\"")
                - permittedBefore).as("calls permitted by this process' own count").isGreaterThanOrEqualTo(10);
    }

    // --- helpers -----------------------------------------------------------------------------

    private List<String> projects() {
        List<String> projects = new ArrayList<>();
        for (int p = 0; p < PROJECTS; p++) {
            projects.add(postedProject(postedContract()));
        }
        return projects;
    }

    /** Batches of one-hour entries, round-robin over the projects, sent from 4 threads. */
    private static List<String> acceptInParallel(List<String> projects, int batches, int entries) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<String>> sent = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            String projectCode = projects.get(b % projects.size());
            sent.add(threads.submit(() -> {
                List<Map<String, Object>> batch = new ArrayList<>();
                for (int e = 0; e < entries; e++) {
                    batch.add(entry(projectCode, e));
                }
                Response accepted = write("/api/v1/time-approvals", timeApproval(batch));
                assertThat(accepted.statusCode()).as(accepted.asString()).isEqualTo(202);
                return accepted.header("Location");
            }));
        }
        List<String> locations = new ArrayList<>();
        for (Future<String> future : sent) {
            locations.add(future.get());
        }
        threads.shutdown();
        return locations;
    }

    private static Map<String, Object> entry(String projectCode, int day) {
        Map<String, Object> entry = timeEntry(unique("TE"), projectCode);
        entry.put("hours", "1.00");
        return workedOn(entry, LocalDate.parse("2026-02-01").plusDays(day).toString());
    }

    /** When each attempt to post these operations started (their DELIVERING steps), in order. */
    private static List<Instant> callStarts(List<String> locations) {
        List<Instant> times = new ArrayList<>();
        for (String location : locations) {
            String correlationId = given().get(location).path("correlationId");
            List<Map<String, Object>> steps = given().get("/api/v1/lineage/" + correlationId).path("steps");
            steps.stream().filter(step -> "DELIVERING".equals(step.get("step")))
                    .forEach(step -> times.add(OffsetDateTime.parse((String) step.get("at")).toInstant()));
        }
        Collections.sort(times);
        return times;
    }

    /** Waits until the gateway counts the sandbox's calls at the rate its plans file now says. */
    private void awaitBackendRate(double rate) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(policies.current().backend("sandbox").orElseThrow().rate()).isEqualTo(rate));
    }

    /** The wait a RETRY_SCHEDULED step names ("...; next attempt in 1000 ms"). */
    private static long nextAttemptMillis(String detail) {
        Matcher m = Pattern.compile("next attempt in (\\d+) ms").matcher(detail);
        assertThat(m.find()).as(detail).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static int busiestSecond(List<Instant> times) {
        int most = 0;
        int start = 0;
        for (int end = 0; end < times.size(); end++) {
            while (Duration.between(times.get(start), times.get(end)).toMillis() >= 1000) {
                start++;
            }
            most = Math.max(most, end - start + 1);
        }
        return most;
    }

    private long count(String sql, List<String> values) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setArray(1, connection.createArrayOf("varchar", values.toArray()));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
