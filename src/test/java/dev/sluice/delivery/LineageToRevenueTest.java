package dev.sluice.delivery;

import static dev.sluice.support.Bodies.timeApproval;
import static dev.sluice.support.Bodies.timeEntry;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.support.ApiTest;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** One time approval followed from the request to the revenue it produced, through its lineage. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
class LineageToRevenueTest extends ApiTest {

    @Inject
    DataSource dataSource;

    @Test
    void aTimeApprovalsLineageRunsFromTheRequestToItsRevenue() throws Exception {
        String projectCode = postedProject(postedContract());
        String correlationId = "lineage-" + UUID.randomUUID();
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        String location = json().header("Idempotency-Key", UUID.randomUUID().toString())
                .header("X-Correlation-Id", correlationId).header("traceparent", traceparent)
                .body(timeApproval(timeEntry(unique("TE"), projectCode))).post("/api/v1/time-approvals")
                .header("Location");
        String document = awaitFinal(location, "POSTED").path("erpReferences[0].documentId");

        JsonPath lineage = given().get("/api/v1/lineage/" + correlationId).jsonPath();
        assertThat(lineage.getList("steps.step", String.class))
                .containsExactly("RECEIVED", "VALIDATED", "ACCEPTED", "DELIVERING", "POSTED");
        List<Instant> times = lineage.getList("steps.at", String.class).stream().map(Instant::parse).toList();
        assertThat(times).isSorted();
        assertThat(lineage.getString("steps[3].deliveredBy")).isNotBlank();
        List<Map<String, Object>> effects = lineage.getList("steps[4].effects");
        // 7.50 h of EMP-001 (cost 80.00) on the T&M line at 150.00
        assertThat(effects).extracting(e -> e.get("kind") + " " + e.get("amount") + " " + e.get("rule"))
                .containsExactlyInAnyOrder("COST 600.00 COST", "REVENUE 1125.00 TM_TIME", "BILLING 1125.00 TM_TIME");
        assertThat(effects).allSatisfy(e -> assertThat(e.get("documentId")).isEqualTo(document));
        assertThat(effects).allSatisfy(e -> assertThat(e.get("lineNumber")).isEqualTo(1));

        // with tracing off, the ERP is handed the caller's trace context as it came
        String operationId = location.substring(location.lastIndexOf('/') + 1);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select traceparent from sandbox.delivery where reference like ?")) {
            query.setString(1, operationId + ":%");
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo(traceparent);
            }
        }
    }
}
