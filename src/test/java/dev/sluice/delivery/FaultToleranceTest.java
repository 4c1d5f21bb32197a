package dev.sluice.delivery;

import static dev.sluice.support.Bodies.contract;
import static dev.sluice.support.Bodies.map;
import static dev.sluice.support.Bodies.project;
import static dev.sluice.support.Bodies.timeApproval;
import static dev.sluice.support.Bodies.timeEntry;
import static dev.sluice.support.Bodies.workedOn;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.support.ApiTest;
import dev.sluice.support.Faults;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.Metrics;
import dev.sluice.support.PostgresResource;
import dev.sluice.support.RoutingFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ERP fails in every way the sandbox can simulate, and the gateway keeps its promises:
 * accepted writes wait and then post, in order and once; a slow ERP opens the circuit while the
 * API keeps answering; throttling is waited out; a business refusal fails just that write.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
@TestProfile(FaultToleranceTest.ShortTimeouts.class)
class FaultToleranceTest extends ApiTest {

    /** Timeouts, back-off and circuit delays short enough for a test, attempts enough for an outage. */
    public static class ShortTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new java.util.HashMap<>(Map.of(
                    "sluice.delivery.max-attempts", "1000",
                    "sluice.delivery.initial-backoff", "PT0.05S",
                    "sluice.delivery.max-backoff", "PT0.5S",
                    "sluice.delivery.workers", "4"));
            // postings time out sooner than reads: a cold first read must not trip the circuit
            config.put("sluice.routing.file", RoutingFiles.sandboxGuardedWith(
                    "{ post-timeout: 300ms, read-timeout: 1s, request-volume: 4, open-for: 1s }"));
            return config;
        }
    }

    private static final int CONTRACTS = 20;
    private static final int THREADS = 4;
    private static final int BATCHES_PER_CONTRACT = 5;

    @Inject
    DataSource dataSource;

    @Inject
    CircuitBreakerMaintenance circuits;

    @AfterEach
    void clearFaultsAndCloseCircuits() {
        Faults.clear();
        circuits.resetAll();
    }

    @Test
    void writesAcceptedDuringAnOutageAllPostAfterItInOrderAndOnce() throws Exception {
        List<String> projects = new ArrayList<>();
        for (int c = 0; c < CONTRACTS; c++) {
            String projectCode = postedProject(postedContract());
            // one posted entry per project, so validation has seen it before the ERP goes away
            posted("/api/v1/time-approvals", timeApproval(entry(projectCode, 0)));
            projects.add(projectCode);
        }

        Faults.set(Map.of("outage", true));
        double failedBefore = failedAttempts();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        List<Future<List<String>>> sent = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            sent.add(threads.submit(() -> {
                List<String> locations = new ArrayList<>();
                for (int b = 1; b <= BATCHES_PER_CONTRACT; b++) {
                    for (int c = thread; c < CONTRACTS; c += THREADS) {
                        Response accepted = write("/api/v1/time-approvals", timeApproval(entry(projects.get(c), b)));
                        assertThat(accepted.statusCode()).as("accepted during the outage: " + accepted.asString())
                                .isEqualTo(202);
                        locations.add(accepted.header("Location"));
                    }
                }
                return locations;
            }));
        }
        List<String> locations = new ArrayList<>();
        for (Future<List<String>> future : sent) {
            locations.addAll(future.get());
        }
        threads.shutdown();
        assertThat(locations).hasSize(CONTRACTS * BATCHES_PER_CONTRACT);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(failedAttempts() - failedBefore)
                .as("attempts the outage refused, at least one per contract").isGreaterThanOrEqualTo(CONTRACTS));
        long stillPending = locations.stream().filter(l -> !"POSTED".equals(given().get(l).path("status"))).count();
        assertThat(stillPending).as("operations not posted while the ERP is out").isEqualTo(locations.size());

        Faults.clear();

        awaitAllPosted(locations, Duration.ofSeconds(120));
        try (Connection connection = dataSource.getConnection()) {
            for (String projectCode : projects) {
                assertThat(acceptedOrderIsPostedOrder(connection, projectCode))
                        .as("operations of " + projectCode + "'s contract posted in acceptance order").isTrue();
            }
            // 1 + 5 entries of 1.00 h at 150.00 per project, each posted once
            assertThat(count(connection, "select count(*) from sandbox.time_entry where project_code = any(?)", projects))
                    .isEqualTo(CONTRACTS * (1 + BATCHES_PER_CONTRACT));
            assertThat(sum(connection, "select sum(amount) from sandbox.posting p join sandbox.project j "
                    + "on j.contract_number = p.contract_number where p.kind = 'REVENUE' and j.project_code = any(?)",
                    projects)).isEqualByComparingTo(BigDecimal.valueOf(150L * CONTRACTS * (1 + BATCHES_PER_CONTRACT)));
        }
    }

    @Test
    void aSlowErpOpensTheCircuitWhileTheApiKeepsAnswering() throws Exception {
        String projectCode = postedProject(postedContract());
        posted("/api/v1/time-approvals", timeApproval(entry(projectCode, 0)));
        given().get("/api/v1/master-data/employees/EMP-001").then().statusCode(200);

        // how long writes and reads take meanwhile is measured by scripts/bench/run (phase slow-erp)
        Faults.set(Map.of("fixedLatencyMs", 2000));
        List<String> locations = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            Response accepted = write("/api/v1/time-approvals", timeApproval(entry(projectCode, i)));
            assertThat(accepted.statusCode()).as(accepted.asString()).isEqualTo(202);
            locations.add(accepted.header("Location"));
        }
        for (int i = 0; i < 10; i++) {
            given().get("/api/v1/master-data/employees/EMP-001").then().statusCode(200);
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(Metrics.value("ft_circuitbreaker_opened_total", "method=\"erp.post sandbox\""))
                        .as("times the ERP's posting circuit opened").isGreaterThanOrEqualTo(1));
        assertThat(locations.stream().filter(l -> "POSTED".equals(given().get(l).path("status"))).count())
                .as("nothing posts while every call times out").isZero();

        Faults.clear();
        awaitAllPosted(locations, Duration.ofSeconds(90));
    }

    @Test
    void serverErrorsAtRandomAreRetriedUntilEveryWritePostsOnce() throws Exception {
        String projectCode = postedProject(postedContract());
        posted("/api/v1/time-approvals", timeApproval(entry(projectCode, 0)));

        // 4 in 10 calls answered 503: the chance that none of 20 first attempts fails is 4 in 100,000
        Faults.set(Map.of("errorRate", 0.4));
        List<String> locations = new ArrayList<>();
        for (int day = 1; day <= 20; day++) {
            Response accepted = write("/api/v1/time-approvals", timeApproval(entry(projectCode, day)));
            assertThat(accepted.statusCode()).as(accepted.asString()).isEqualTo(202);
            locations.add(accepted.header("Location"));
        }
        awaitAllPosted(locations, Duration.ofSeconds(90));
        Faults.clear();

        int attempts = locations.stream().mapToInt(l -> given().get(l).<Integer>path("attempts")).sum();
        assertThat(attempts).as("attempts for 20 writes while 4 in 10 calls fail").isGreaterThan(20);
        try (Connection connection = dataSource.getConnection()) {
            assertThat(count(connection, "select count(*) from sandbox.time_entry where project_code = any(?)",
                    List.of(projectCode))).as("entries in the ERP").isEqualTo(21);
            assertThat(sum(connection, "select sum(amount) from sandbox.posting p join sandbox.project j "
                    + "on j.contract_number = p.contract_number where p.kind = 'REVENUE' and j.project_code = any(?)",
                    List.of(projectCode))).isEqualByComparingTo("3150.00");
        }
    }

    @Test
    void throttlingIsWaitedOutForAtLeastItsRetryAfter() {
        String contractNumber = unique("C");
        String projectCode = unique("P");
        posted("/api/v1/contracts", contract(contractNumber));
        // validation has read the contract from the ERP before it starts throttling
        posted("/api/v1/projects", project(projectCode, contractNumber));
        String correlationId = "throttle-" + UUID.randomUUID();
        Faults.set(Map.of("throttleRetryAfterSeconds", 2));

        Map<String, Object> update = project(projectCode, contractNumber);
        update.put("name", "Renamed while throttled");
        Response accepted = json().header("Idempotency-Key", UUID.randomUUID().toString())
                .header("X-Correlation-Id", correlationId).body(update).post("/api/v1/projects");
        assertThat(accepted.statusCode()).as(accepted.asString()).isEqualTo(202);
        String location = accepted.header("Location");
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/v1/lineage/" + correlationId)
                .<List<String>>path("steps.step").contains("RETRY_SCHEDULED"));
        Faults.clear();

        Response posted = awaitFinal(location, "POSTED");
        List<Map<String, Object>> steps = given().get("/api/v1/lineage/" + correlationId).path("steps");
        Map<String, Object> retry = steps.stream().filter(s -> "RETRY_SCHEDULED".equals(s.get("step"))).findFirst()
                .orElseThrow();
        assertThat((String) retry.get("detail")).contains("HTTP 429").contains("next attempt in 2000 ms");
        assertThat(posted.<Integer>path("attempts")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aBusinessRefusalFailsOnlyTheWritesOfThatContract() {
        String held = unique("C");
        String free = unique("C");
        posted("/api/v1/contracts", contract(held));
        posted("/api/v1/contracts", contract(free));
        Faults.set(map("refuseContracts", List.of(held)));

        Response refused = awaitFinal(write("/api/v1/projects", project(unique("P"), held)).header("Location"),
                "FAILED");
        awaitFinal(write("/api/v1/projects", project(unique("P"), free)).header("Location"), "POSTED");

        assertThat(refused.<String>path("problem.type")).isEqualTo("https://sluice.dev/problems/erp-refused");
        assertThat(refused.<String>path("problem.errors[0].code")).isEqualTo("CONTRACT_ON_HOLD");
    }

    // --- helpers -----------------------------------------------------------------------------

    private static Map<String, Object> entry(String projectCode, int day) {
        Map<String, Object> entry = timeEntry(unique("TE"), projectCode);
        entry.put("hours", "1.00");
        return workedOn(entry, java.time.LocalDate.parse("2026-02-01").plusDays(day).toString());
    }

    /** For one project's contract, whether POSTED steps come in the order of ACCEPTED steps. */
    private static boolean acceptedOrderIsPostedOrder(Connection connection, String projectCode) throws Exception {
        try (PreparedStatement query = connection.prepareStatement("""
                select l.operation_id, l.step from lineage_event l
                join operation o on o.id = l.operation_id
                where o.type = 'TIME_APPROVAL' and o.command::text like ? and l.step in ('ACCEPTED', 'POSTED')
                order by l.id""")) {
            query.setString(1, "%\"" + projectCode + "\"%");
            List<Object> accepted = new ArrayList<>();
            List<Object> posted = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    (rows.getString(2).equals("ACCEPTED") ? accepted : posted).add(rows.getObject(1));
                }
            }
            return accepted.size() == 1 + BATCHES_PER_CONTRACT && accepted.equals(posted);
        }
    }

    private static long count(Connection connection, String sql, List<String> values) throws Exception {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setArray(1, connection.createArrayOf("varchar", values.toArray()));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static BigDecimal sum(Connection connection, String sql, List<String> values) throws Exception {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setArray(1, connection.createArrayOf("varchar", values.toArray()));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBigDecimal(1);
            }
        }
    }

    /** Attempts that met the ERP down, or its circuit open, so far. */
    private static double failedAttempts() {
        return Metrics.value("sluice_delivery_attempts_total", "backend=\"sandbox\"", "outcome=\"UNREACHABLE\"")
                + Metrics.value("sluice_delivery_attempts_total", "backend=\"sandbox\"", "outcome=\"CIRCUIT_OPEN\"");
    }
}
