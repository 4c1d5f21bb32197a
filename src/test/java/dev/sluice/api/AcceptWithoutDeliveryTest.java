package dev.sluice.api;

import static dev.sluice.support.Bodies.contract;
import static dev.sluice.support.Bodies.project;
import static dev.sluice.support.Bodies.timeApproval;
import static dev.sluice.support.Bodies.timeEntry;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.support.ApiTest;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A gateway that accepts but does not deliver (sluice.delivery.enabled=false), as a replica
 * that only takes requests would: writes are still accepted durably and wait in the outbox.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
@TestProfile(AcceptWithoutDeliveryTest.DeliveryOff.class)
class AcceptWithoutDeliveryTest extends ApiTest {

    public static class DeliveryOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sluice.delivery.enabled", "false");
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void aWriteIsAcceptedWithStatusAccepted() {
        Response accepted = write("/api/v1/contracts", contract(unique("C")));

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.<String>path("status")).isEqualTo("ACCEPTED");
    }

    @Test
    void preferWaitAnswers202WhenTheWaitRunsOutBeforeDelivery() {
        Response answer = json().header("Idempotency-Key", UUID.randomUUID().toString()).header("Prefer", "wait=2")
                .body(contract(unique("C"))).post("/api/v1/contracts");

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(answer.<String>path("status")).isEqualTo("ACCEPTED");
        assertThat(answer.header("Location")).isNotBlank();
        assertThat(answer.header("Preference-Applied")).as("the operation was not done within the wait").isNull();
    }

    @Test
    void anUndeliveredOperationStaysAccepted() {
        String location = write("/api/v1/contracts", contract(unique("C"))).header("Location");

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> "ACCEPTED".equals(given().get(location).path("status")));
    }

    @Test
    void theOutboxKeepsEveryPartOfAnUndeliveredWrite() throws SQLException {
        // all pending: each write is validated against the ones accepted before it
        String first = unique("C");
        String second = unique("C");
        String firstProject = unique("P");
        String secondProject = unique("P");
        write("/api/v1/contracts", contract(first)).then().statusCode(202);
        write("/api/v1/contracts", contract(second)).then().statusCode(202);
        write("/api/v1/projects", project(firstProject, first)).then().statusCode(202);
        write("/api/v1/projects", project(secondProject, second)).then().statusCode(202);
        Response batch = write("/api/v1/time-approvals", timeApproval(
                timeEntry(unique("TE"), firstProject), timeEntry(unique("TE"), secondProject)));
        batch.then().statusCode(202);

        assertThat(outboxRows(batch.path("operationId"))).isEqualTo(2);
    }

    @Test
    void theOutboxDepthMetricCountsWritesWaitingForDelivery() {
        write("/api/v1/contracts", contract(unique("C"))).then().statusCode(202);
        write("/api/v1/contracts", contract(unique("C"))).then().statusCode(202);

        int waiting = outboxRowsInTotal();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(OperationsEndpointsTest.metric("sluice_outbox_depth\\{backend=\"sandbox\"}"))
                        .as("sluice_outbox_depth once refreshed").isGreaterThanOrEqualTo(waiting));
    }

    private int outboxRowsInTotal() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("select count(*) from outbox");
                ResultSet result = query.executeQuery()) {
            result.next();
            return result.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int outboxRows(String operationId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select count(*) from outbox where operation_id = ?")) {
            query.setObject(1, UUID.fromString(operationId));
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }
}
