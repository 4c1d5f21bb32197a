package dev.sluice.delivery;

import static dev.sluice.support.Bodies.acceptance;
import static dev.sluice.support.Bodies.contract;
import static dev.sluice.support.Bodies.map;
import static dev.sluice.support.Bodies.milestone;
import static dev.sluice.support.Bodies.timeApproval;
import static dev.sluice.support.Bodies.timeEntry;
import static dev.sluice.support.Bodies.workedOn;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.governance.ValidationPolicies;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox ERP goes down for good (every call refused), and the gateway keeps accepting:
 * validation reads the gateway's own view of the contracts and projects it posted and its copy of
 * the master data, never the ERP. What it cannot check alone is deferred or refused as the
 * validation policy says; reads answer from the view with its age; finance sees the queue; and
 * when the ERP returns, everything accepted is posted once, in each contract's order.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
@TestProfile(ErpOutageTest.OutageSettings.class)
class ErpOutageTest extends ApiTest {

    /** The validation policy this gateway reads: a copy of the shipped one, which a test may rewrite. */
    static final Path POLICY = copyOfShippedPolicy();

    /**
     * Retries soon, circuits that let a trial call through after a second; how long a part may
     * fail before it is given up is the product's own (a day).
     */
    public static class OutageSettings implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(Map.of(
                    "sluice.delivery.initial-backoff", "PT0.05S",
                    "sluice.delivery.max-backoff", "PT0.5S",
                    "sluice.validation.file", POLICY.toString()));
            config.put("sluice.routing.file", RoutingFiles.sandboxGuardedWith("{ open-for: 1s }"));
            return config;
        }
    }

    private static final int CONTRACTS = 20;
    private static final int ENTRIES_PER_CONTRACT = 6;

    @Inject
    DataSource dataSource;

    @Inject
    ValidationPolicies policies;

    @Inject
    CircuitBreakerMaintenance circuits;

    @AfterEach
    void erpBackAndShippedPolicy() throws IOException {
        Faults.clear();
        Files.copy(Path.of("policies/validation.yaml"), POLICY, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        policies.reload();
        circuits.resetAll();
    }

    @Test
    void everyWriteOfAnOutageIsAcceptedAndPostedOnceInItsContractsOrderWhenTheErpReturns() throws Exception {
        List<String> contracts = new ArrayList<>();
        List<String> projects = new ArrayList<>();
        for (int c = 0; c < CONTRACTS; c++) {
            String contractNumber = postedContract();
            contracts.add(contractNumber);
            projects.add(postedProject(contractNumber));
        }

        Faults.set(Map.of("outage", true));
        List<String> locations = new ArrayList<>();
        for (int e = 0; e < ENTRIES_PER_CONTRACT; e++) {
            for (String projectCode : projects) {
                Response accepted = write("/api/v1/time-approvals", timeApproval(entry(projectCode, e)));
                assertThat(accepted.statusCode()).as("accepted during the outage: " + accepted.asString()).isEqualTo(202);
                assertThat(accepted.<String>path("validation")).as("checked in full, from the gateway's view").isNull();
                locations.add(accepted.header("Location"));
            }
        }
        List<String> milestones = new ArrayList<>();
        for (int c = 0; c < 5; c++) {
            Response progress = write(completions(projects.get(c), milestone(contracts.get(c), "M1")),
                    map("percentComplete", "50", "accepted", false));
            Response accepted = write(completions(projects.get(c), milestone(contracts.get(c), "M1")), acceptance());
            assertThat(List.of(progress.statusCode(), accepted.statusCode())).as(progress.asString()).containsOnly(202);
            milestones.add(progress.header("Location"));
            milestones.add(accepted.header("Location"));
        }
        Map<String, Object> stranger = entry(projects.get(0), 7);
        stranger.put("employeeNumber", unique("EMP"));
        Response deferred = write("/api/v1/time-approvals", timeApproval(stranger));
        assertThat(deferred.statusCode()).as(deferred.asString()).isEqualTo(202);
        assertThat(deferred.<String>path("validation")).isEqualTo("DEFERRED");

        assertThat(locations.stream().filter(l -> !"POSTED".equals(given().get(l).path("status"))).count())
                .as("nothing posts while the ERP is down").isEqualTo(locations.size());

        Faults.clear();

        awaitAllPosted(locations, Duration.ofSeconds(90));
        awaitAllPosted(milestones, Duration.ofSeconds(30));
        Response failed = awaitFinal(deferred.header("Location"), "FAILED");
        assertThat(failed.<String>path("problem.type")).isEqualTo("https://sluice.dev/problems/validation-failed");
        assertThat(failed.<String>path("problem.errors[0].pointer")).isEqualTo("/entries/0/employeeNumber");
        assertThat(failed.<String>path("problem.errors[0].code")).isEqualTo("UNKNOWN_EMPLOYEE");
        try (Connection connection = dataSource.getConnection()) {
            for (String projectCode : projects) {
                assertThat(timeEntries(connection, projectCode)).as("entries of " + projectCode + " in the ERP, each once")
                        .isEqualTo(ENTRIES_PER_CONTRACT);
                assertThat(postedInAcceptanceOrder(connection, projectCode))
                        .as("time of " + projectCode + " posted in the order it was accepted").isTrue();
            }
        }
        for (int c = 0; c < 5; c++) {
            assertThat(given().get("/api/v1/contracts/" + contracts.get(c))
                    .<Boolean>path("lines.find { it.lineNumber == 2 }.milestones[0].accepted"))
                    .as("M1 of " + contracts.get(c) + " accepted in the ERP").isTrue();
        }
    }

    @Test
    void aContractForACustomerTheGatewayHasNotSeenIsRefusedUnlessThePolicyDefersIt() throws Exception {
        String customer = unique("CUST");
        Faults.set(Map.of("outage", true));
        // the ERP gets the customer while it is down; the gateway's copy cannot know
        addCustomer(customer);

        Map<String, Object> body = contract(unique("C"));
        body.put("customerNumber", customer);
        Response refused = write("/api/v1/contracts", body);

        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("30");
        assertThat(refused.<String>path("errors[0].pointer")).isEqualTo("/customerNumber");
        assertThat(refused.<String>path("errors[0].code")).isEqualTo("NOT_VERIFIED");

        Files.writeString(POLICY, Files.readString(POLICY).replace("upsertContract: refuse", "upsertContract: defer"));
        policies.reload();
        Response deferred = write("/api/v1/contracts", body);

        assertThat(deferred.statusCode()).as(deferred.asString()).isEqualTo(202);
        assertThat(deferred.<String>path("validation")).isEqualTo("DEFERRED");
        List<String> steps = given().get("/api/v1/lineage/" + deferred.<String>path("correlationId")).path("steps.step");
        assertThat(steps).containsSubsequence("RECEIVED", "VALIDATION_DEFERRED", "ACCEPTED").doesNotContain("VALIDATED");

        Faults.clear();

        Response posted = awaitFinal(deferred.header("Location"), "POSTED");
        assertThat(posted.<String>path("validation")).isEqualTo("DEFERRED");
        List<String> after = given().get("/api/v1/lineage/" + deferred.<String>path("correlationId")).path("steps.step");
        assertThat(after).containsSubsequence("VALIDATION_DEFERRED", "ACCEPTED", "VALIDATED", "POSTED");
    }

    @Test
    void aProjectTheGatewayHasNeverSeenCannotBeQueuedWhateverThePolicy() throws IOException {
        Files.writeString(POLICY, Files.readString(POLICY).replace("upsertContract: refuse", "upsertContract: defer"));
        policies.reload();
        Faults.set(Map.of("outage", true));

        Response refused = write("/api/v1/time-approvals", timeApproval(timeEntry(unique("TE"), unique("P"))));

        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(503);
        assertThat(refused.<String>path("detail")).contains("cannot queue it in its contract's order");
        assertThat(refused.<String>path("errors[0].pointer")).isEqualTo("/entries/0/projectCode");
    }

    @Test
    void aContractIsReadFromTheGatewaysViewWithItsAgeWhileTheErpIsDown() {
        String contractNumber = postedContract();
        String projectCode = postedProject(contractNumber);
        Response fresh = given().get("/api/v1/contracts/" + contractNumber);
        assertThat(fresh.header("Age")).as("an answer from the ERP has no age").isNull();
        assertThat(fresh.header("Sluice-Erp-Status")).isNull();

        Faults.set(Map.of("outage", true));
        Response contract = given().get("/api/v1/contracts/" + contractNumber);
        Response project = given().get("/api/v1/projects/" + projectCode);

        assertThat(contract.statusCode()).as(contract.asString()).isEqualTo(200);
        assertThat(contract.<String>path("contractNumber")).isEqualTo(contractNumber);
        assertThat(contract.<List<Object>>path("lines")).hasSize(3);
        assertThat(contract.<String>path("lines[0].position.recognized"))
                .as("the position the ERP last reported").isEqualTo(fresh.path("lines[0].position.recognized"));
        assertThat(contract.header("Sluice-Erp-Status")).matches("unavailable; confirmed-at=\"\\d{4}-\\d\\d-\\d\\dT[^\"]+Z\"");
        assertThat(Long.parseLong(contract.header("Age"))).isGreaterThanOrEqualTo(0);
        assertThat(project.statusCode()).as(project.asString()).isEqualTo(200);
        assertThat(project.<List<Object>>path("tasks")).hasSize(3);
        assertThat(project.header("Sluice-Erp-Status")).startsWith("unavailable; confirmed-at=");
        Response unknown = given().get("/api/v1/contracts/" + unique("C"));
        assertThat(unknown.statusCode()).as("a contract never seen cannot be answered for").isEqualTo(503);
    }

    @Test
    void financeSeesWhatWaitsPerLegalEntityAndThatTheErpIsDown() {
        String projectCode = postedProject(postedContract());
        Faults.set(Map.of("outage", true));
        List<String> locations = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            locations.add(write("/api/v1/time-approvals", timeApproval(entry(projectCode, e))).header("Location"));
        }
        Map<String, Object> stranger = entry(projectCode, 4);
        stranger.put("employeeNumber", unique("EMP"));
        String deferred = write("/api/v1/time-approvals", timeApproval(stranger)).header("Location");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Response queue = given().get("/admin/v1/queue");
            assertThat(queue.statusCode()).isEqualTo(200);
            assertThat(queue.<Integer>path("backends.find { it.backend == 'sandbox' }.waiting")).isGreaterThanOrEqualTo(4);
            assertThat(queue.<Integer>path("backends.find { it.backend == 'sandbox' }.deferredValidation"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(queue.<Integer>path("backends.find { it.backend == 'sandbox' }.legalEntities"
                    + ".find { it.legalEntity == 'US01' }.waiting")).isGreaterThanOrEqualTo(4);
            assertThat(queue.<String>path("backends.find { it.backend == 'sandbox' }.oldestAcceptedAt")).isNotNull();
            assertThat(queue.<String>path("backends.find { it.backend == 'sandbox' }.erp.lastFailure"))
                    .contains("simulated outage");
            assertThat(Metrics.value("sluice_queue_waiting", "backend=\"sandbox\"", "legal_entity=\"US01\""))
                    .isGreaterThanOrEqualTo(4);
            assertThat(Metrics.value("sluice_queue_deferred_validation", "backend=\"sandbox\"",
                    "legal_entity=\"US01\"")).isGreaterThanOrEqualTo(1);
        });

        Faults.clear();
        awaitAllPosted(locations, Duration.ofSeconds(60));
        awaitFinal(deferred, "FAILED");
        // a call slowed past its timeout by a busy machine opens the circuit for a second: wait for the state
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Response queue = given().get("/admin/v1/queue");
            assertThat(queue.<String>path("backends.find { it.backend == 'sandbox' }.erp.circuit"))
                    .as("trial calls or closed once the ERP answers again").isIn("CLOSED", "HALF_OPEN");
            assertThat(OffsetDateTime.parse(queue.path("backends.find { it.backend == 'sandbox' }.erp.lastSuccessAt")))
                    .as("the ERP answered since it last failed")
                    .isAfter(OffsetDateTime.parse(queue.path("backends.find { it.backend == 'sandbox' }.erp.lastFailureAt")));
        });
    }

    // --- helpers -----------------------------------------------------------------------------

    private static Map<String, Object> entry(String projectCode, int day) {
        Map<String, Object> entry = timeEntry(unique("TE"), projectCode);
        entry.put("hours", "1.00");
        return workedOn(entry, LocalDate.parse("2026-03-02").plusDays(day).toString());
    }

    private void addCustomer(String customerNumber) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into sandbox.master_record (type, code, body) values ('customers', ?, cast(? as jsonb))")) {
            insert.setString(1, customerNumber);
            insert.setString(2, "{\"customerNumber\":\"" + customerNumber + "\",\"name\":\"Newco\",\"status\":\"ACTIVE\","
                    + "\"currency\":\"USD\"}");
            insert.executeUpdate();
        }
    }

    private static long timeEntries(Connection connection, String projectCode) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select count(*) from sandbox.time_entry where project_code = ?")) {
            query.setString(1, projectCode);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** For one project, whether its time operations' POSTED steps come in the order of their ACCEPTED steps. */
    private static boolean postedInAcceptanceOrder(Connection connection, String projectCode) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                select l.operation_id, l.step from lineage_event l
                join operation o on o.id = l.operation_id
                where o.type = 'TIME_APPROVAL' and o.status = 'POSTED' and o.command::text like ?
                  and l.step in ('ACCEPTED', 'POSTED')
                order by l.id""")) {
            query.setString(1, "%\"" + projectCode + "\"%");
            List<Object> accepted = new ArrayList<>();
            List<Object> posted = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    (rows.getString(2).equals("ACCEPTED") ? accepted : posted).add(rows.getObject(1));
                }
            }
            return accepted.size() == ENTRIES_PER_CONTRACT && accepted.equals(posted);
        }
    }

    private static Path copyOfShippedPolicy() {
        try {
            Path copy = Files.createTempFile("sluice-validation", ".yaml");
            Files.copy(Path.of("policies/validation.yaml"), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            copy.toFile().deleteOnExit();
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
