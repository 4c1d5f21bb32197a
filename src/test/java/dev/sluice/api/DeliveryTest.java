package dev.sluice.api;

import static dev.sluice.support.Bodies.contract;
import static dev.sluice.support.Bodies.list;
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
import dev.sluice.support.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** How accepted writes travel to the ERP: the dispatcher's path, per-contract order, parts, refusals. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
class DeliveryTest extends ApiTest {

    private static final String ERP_REFUSED = "https://sluice.dev/problems/erp-refused";
    private static final int IN_SEQUENCE = 20;

    @Inject
    DataSource dataSource;

    // --- a) lineage --------------------------------------------------------------------------

    @Test
    void lineageShowsReceivedValidatedAcceptedDeliveringPostedInThatOrder() {
        String correlationId = unique("corr");
        Response accepted = json().header("Idempotency-Key", UUID.randomUUID().toString())
                .header("X-Correlation-Id", correlationId).body(contract(unique("C"))).post("/api/v1/contracts");
        awaitFinal(accepted.header("Location"), "POSTED");

        List<String> steps = given().get("/api/v1/lineage/" + correlationId).then().statusCode(200)
                .extract().path("steps.step");

        assertThat(steps).containsExactly("RECEIVED", "VALIDATED", "ACCEPTED", "DELIVERING", "POSTED");
    }

    @Test
    void lineageNamesTheErpDocumentOnThePostedStep() {
        String correlationId = unique("corr");
        Response accepted = json().header("Idempotency-Key", UUID.randomUUID().toString())
                .header("X-Correlation-Id", correlationId).body(contract(unique("C"))).post("/api/v1/contracts");
        Response operation = awaitFinal(accepted.header("Location"), "POSTED");

        Response lineage = given().get("/api/v1/lineage/" + correlationId);

        List<Map<String, Object>> steps = lineage.path("steps");
        Map<String, Object> posted = steps.get(steps.size() - 1);
        assertThat(posted.get("step")).isEqualTo("POSTED");
        assertThat(posted.get("erpReferences")).isEqualTo(operation.path("erpReferences"));
    }

    // --- b) per-contract order ---------------------------------------------------------------
    // The sandbox answers within milliseconds, so writes sent one after the other would each be
    // delivered before the next arrives and order would never be at stake. The ERP is held busy
    // instead (its contract table locked, as a slow ERP would be) while the contract and the 20
    // writes after it are accepted; they pile up in the outbox and are delivered once it is free.

    @Test
    void twoContractsAreDeliveredAtTheSameTimeByTwoWorkers() {
        String first = postedContract();
        String second = postedContract();
        // every posting takes 600 ms: one worker holding both would deliver them one after the other
        Faults.set(Map.of("fixedLatencyMs", 600));
        List<String> correlationIds = new ArrayList<>();
        try {
            for (String contractNumber : List.of(first, second)) {
                String correlationId = UUID.randomUUID().toString();
                Map<String, Object> update = contract(contractNumber);
                update.put("endDate", "2026-12-30");
                json().header("Idempotency-Key", UUID.randomUUID().toString()).header("X-Correlation-Id", correlationId)
                        .body(update).post("/api/v1/contracts").then().statusCode(202);
                correlationIds.add(correlationId);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> correlationIds.stream().allMatch(id ->
                    given().get("/api/v1/lineage/" + id).<List<String>>path("steps.step").contains("POSTED")));
        } finally {
            Faults.clear();
        }
        List<Map<String, Object>> attempts = correlationIds.stream()
                .map(id -> given().get("/api/v1/lineage/" + id).<List<Map<String, Object>>>path("steps").stream()
                        .filter(step -> "DELIVERING".equals(step.get("step"))).findFirst().orElseThrow())
                .toList();
        assertThat(attempts.get(0).get("deliveredBy")).as("the worker of each contract")
                .isNotEqualTo(attempts.get(1).get("deliveredBy"));
        OffsetDateTime secondStarted = OffsetDateTime.parse((String) attempts.get(1).get("at"));
        OffsetDateTime firstPosted = OffsetDateTime.parse(given().get("/api/v1/lineage/" + correlationIds.get(0))
                .<List<Map<String, Object>>>path("steps").stream().filter(step -> "POSTED".equals(step.get("step")))
                .map(step -> (String) step.get("at")).findFirst().orElseThrow());
        assertThat(secondStarted).as("the second contract's delivery started before the first's was posted")
                .isBefore(firstPosted);
    }

    @Test
    void changeOrdersOfOneContractReachTheErpInAcceptanceOrder() throws SQLException {
        String contractNumber = unique("C");
        List<String> locations = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        try (ErpBusy busy = erpBusyWithContracts()) {
            locations.add(accepted("/api/v1/contracts", contract(contractNumber)));
            for (int i = 1; i <= IN_SEQUENCE; i++) {
                String number = String.format("CO-%02d-%s", i, UUID.randomUUID().toString().substring(0, 4));
                numbers.add(number);
                locations.add(accepted("/api/v1/contracts/" + contractNumber + "/change-orders", map(
                        "changeOrderNumber", number,
                        "effectiveDate", "2026-06-30",
                        "modificationType", "CUMULATIVE_CATCH_UP",
                        "lineChanges", list(map("lineNumber", 3, "amountDelta", "1000.00")))));
            }
        }
        awaitAllPosted(locations, Duration.ofSeconds(60));

        List<String> inErp = given().get("/api/v1/contracts/" + contractNumber).then().statusCode(200)
                .extract().path("changeOrders.changeOrderNumber");

        assertThat(inErp).containsExactlyElementsOf(numbers);
    }

    @Test
    void projectUpdatesOfOneContractArePostedInAcceptanceOrder() throws SQLException {
        List<String> locations = projectRevisionsAcceptedWhileTheErpIsBusy(unique("C"), unique("P"));

        List<OffsetDateTime> postedAt = locations.stream()
                .map(l -> OffsetDateTime.parse(given().get(l).<String>path("postedAt")))
                .toList();

        assertThat(postedAt).isSortedAccordingTo(OffsetDateTime::compareTo);
    }

    @Test
    void theLastProjectUpdateAcceptedIsTheOneTheErpHolds() throws SQLException {
        String projectCode = unique("P");
        projectRevisionsAcceptedWhileTheErpIsBusy(unique("C"), projectCode);

        String name = given().get("/api/v1/projects/" + projectCode).then().statusCode(200).extract().path("name");

        assertThat(name).isEqualTo(String.format("revision %02d", IN_SEQUENCE));
    }

    // --- c) a time batch spanning contracts ----------------------------------------------------

    @Test
    void aTimeBatchSpanningTwoContractsPostsEveryEntryUnderOneOperation() {
        String first = postedProject(postedContract());
        String second = postedProject(postedContract());
        Map<String, Object> batch = timeApproval(
                entry(unique("TE"), first, "T1", "2026-02-03"),
                entry(unique("TE"), second, "T1", "2026-02-04"),
                entry(unique("TE"), first, "T3", "2026-02-05"));

        Response operation = posted("/api/v1/time-approvals", batch);

        assertThat(operation.<List<String>>path("erpReferences.documentType"))
                .containsExactly("TIME_ENTRY", "TIME_ENTRY", "TIME_ENTRY");
        assertThat(operation.<List<String>>path("erpReferences.documentId")).doesNotHaveDuplicates();
    }

    @Test
    void aTimeBatchSpanningTwoContractsIsDeliveredInOnePartPerContract() {
        String first = postedProject(postedContract());
        String second = postedProject(postedContract());
        String correlationId = unique("corr");
        Map<String, Object> batch = timeApproval(
                entry(unique("TE"), first, "T1", "2026-02-03"),
                entry(unique("TE"), second, "T1", "2026-02-04"),
                entry(unique("TE"), first, "T3", "2026-02-05"));
        Response accepted = json().header("Idempotency-Key", UUID.randomUUID().toString())
                .header("X-Correlation-Id", correlationId).body(batch).post("/api/v1/time-approvals");
        awaitFinal(accepted.header("Location"), "POSTED");

        List<Map<String, Object>> steps = given().get("/api/v1/lineage/" + correlationId).path("steps");

        List<Integer> entriesPerPostedPart = steps.stream().filter(s -> "POSTED".equals(s.get("step")))
                .map(s -> ((List<?>) s.get("erpReferences")).size()).toList();
        assertThat(entriesPerPostedPart).containsExactlyInAnyOrder(2, 1);
    }

    // --- d) refusals ---------------------------------------------------------------------------

    @Test
    void aContractUpdateRemovingALineAProjectIsChargedToFailsWithLineInUse() {
        String contractNumber = postedContract();
        postedProject(contractNumber); // task T3 is charged to line 3
        Map<String, Object> withoutLine3 = contract(contractNumber);
        ((List<?>) withoutLine3.get("lines")).remove(2);

        Response failed = awaitFinal(write("/api/v1/contracts", withoutLine3).header("Location"), "FAILED");

        assertThat(failed.<String>path("problem.type")).isEqualTo(ERP_REFUSED);
        assertThat(failed.<List<String>>path("problem.errors.code")).contains("LINE_IN_USE");
    }

    @Test
    void aProjectMovedToAnotherContractAfterTimeWasPostedFailsWithProjectInUse() {
        String contractNumber = postedContract();
        String otherContract = postedContract();
        String projectCode = postedProject(contractNumber);
        posted("/api/v1/time-approvals", timeApproval(timeEntry(unique("TE"), projectCode)));

        Response failed = awaitFinal(write("/api/v1/projects", project(projectCode, otherContract))
                .header("Location"), "FAILED");

        assertThat(failed.<String>path("problem.type")).isEqualTo(ERP_REFUSED);
        assertThat(failed.<List<String>>path("problem.errors.code")).contains("PROJECT_IN_USE");
    }

    // --- e) a refused part of a time batch points into the whole batch ------------------------

    /**
     * The gateway validates time against projects as they will stand once accepted writes are
     * delivered, so a time batch can only be refused by the ERP when an earlier write it relied
     * on is refused. Here a project update adds task T9 (and drops T1, which has time posted, so
     * the ERP refuses the update). While the ERP is still busy with that update, a time batch
     * charging T9 is accepted; its part for that contract is then refused with UNKNOWN_TASK.
     * The ERP is held busy by locking the project's row in the sandbox's books, as a slow ERP
     * would be.
     */
    @Test
    void aRefusedPartOfATimeBatchPointsIntoTheWholeBatch() throws Exception {
        String contractNumber = postedContract();
        String projectCode = postedProject(contractNumber);
        String otherProject = postedProject(postedContract());
        posted("/api/v1/time-approvals", timeApproval(entry(unique("TE"), projectCode, "T1", "2026-02-02")));
        Map<String, Object> update = project(projectCode, contractNumber);
        @SuppressWarnings("unchecked")
        List<Object> tasks = (List<Object>) update.get("tasks");
        tasks.remove(0);
        tasks.add(map("taskCode", "T9", "name", "Hypercare", "contractLine", 1, "billable", true));
        String timeLocation;
        String updateLocation;
        try (ErpBusy busy = erpBusyWithProject(projectCode)) {
            updateLocation = accepted("/api/v1/projects", update);
            timeLocation = accepted("/api/v1/time-approvals", timeApproval(
                    entry(unique("TE"), otherProject, "T1", "2026-02-03"),
                    entry(unique("TE"), otherProject, "T1", "2026-02-04"),
                    entry(unique("TE"), projectCode, "T3", "2026-02-05"),
                    entry(unique("TE"), projectCode, "T9", "2026-02-06")));
        }
        awaitFinal(updateLocation, "FAILED");

        Response failed = awaitFinal(timeLocation, "FAILED");

        assertThat(failed.<List<String>>path("problem.errors.pointer")).containsExactly("/entries/3/taskCode");
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** A contract and IN_SEQUENCE revisions of one project on it, accepted while the ERP is held, then posted. */
    private List<String> projectRevisionsAcceptedWhileTheErpIsBusy(String contractNumber, String projectCode)
            throws SQLException {
        List<String> locations = new ArrayList<>();
        try (ErpBusy busy = erpBusyWithContracts()) {
            locations.add(accepted("/api/v1/contracts", contract(contractNumber)));
            for (int i = 1; i <= IN_SEQUENCE; i++) {
                Map<String, Object> update = project(projectCode, contractNumber);
                update.put("name", String.format("revision %02d", i));
                locations.add(accepted("/api/v1/projects", update));
            }
        }
        awaitAllPosted(locations, Duration.ofSeconds(60));
        return locations;
    }

    private static Map<String, Object> entry(String externalId, String projectCode, String taskCode,
            String workDate) {
        Map<String, Object> entry = timeEntry(externalId, projectCode);
        entry.put("taskCode", taskCode);
        workedOn(entry, workDate);
        return entry;
    }

    private static String accepted(String path, Map<String, Object> body) {
        Response response = write(path, body);
        assertThat(response.statusCode()).as(path + ": " + response.asString()).isEqualTo(202);
        return response.header("Location");
    }

    /** Holds every posting that touches a sandbox contract until closed; reads go on. */
    private ErpBusy erpBusyWithContracts() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (Statement lock = connection.createStatement()) {
            lock.execute("lock table sandbox.contract in exclusive mode");
        }
        return new ErpBusy(connection);
    }

    private record ErpBusy(Connection connection) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            try {
                connection.rollback();
            } finally {
                connection.close();
            }
        }
    }

    /** Holds every posting that touches this project in the sandbox until closed; reads go on. */
    private ErpBusy erpBusyWithProject(String projectCode) throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (PreparedStatement lock = connection.prepareStatement(
                "select project_code from sandbox.project where project_code = ? for update")) {
            lock.setString(1, projectCode);
            try (ResultSet row = lock.executeQuery()) {
                assertThat(row.next()).as("the sandbox holds project " + projectCode).isTrue();
            }
        }
        return new ErpBusy(connection);
    }
}
