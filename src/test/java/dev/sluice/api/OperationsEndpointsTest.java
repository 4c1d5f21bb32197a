package dev.sluice.api;

import static dev.sluice.support.Bodies.contract;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.sluice.support.ApiTest;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.Management;
import dev.sluice.support.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What operations staff rely on: health, and metrics of what the gateway accepted and delivered. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
class OperationsEndpointsTest extends ApiTest {

    @Test
    void readinessReportsTheDatabase() {
        Management.given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"));
        Management.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        Management.given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void healthAndMetricsAreOnlyOnTheManagementPortWhileTheApiDocumentsStayPublic() {
        assertThat(Management.port()).isNotEqualTo(RestAssured.port);
        for (String path : new String[] {"/q/health", "/q/health/ready", "/q/metrics"}) {
            assertThat(given().get(path).statusCode()).as("public %s", path).isEqualTo(404);
        }
        assertThat(Management.given().get("/q/metrics").statusCode()).isEqualTo(200);
        assertThat(given().get("/q/openapi").statusCode()).isEqualTo(200);
        assertThat(given().get("/q/swagger-ui/").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsCountAcceptedAndPostedWritesAndTheOutbox() {
        double acceptedBefore = metric("sluice_operations_accepted_total\\{type=\"CONTRACT_UPSERT\"}");
        double postedBefore = metric("sluice_operations_finished_total\\{status=\"POSTED\",type=\"CONTRACT_UPSERT\"}");

        posted("/api/v1/contracts", contract(unique("C")));

        assertThat(metric("sluice_operations_accepted_total\\{type=\"CONTRACT_UPSERT\"}")).isEqualTo(acceptedBefore + 1);
        assertThat(metric("sluice_operations_finished_total\\{status=\"POSTED\",type=\"CONTRACT_UPSERT\"}"))
                .isEqualTo(postedBefore + 1);
        assertThat(metric("sluice_operations_accept_to_posted_seconds_count\\{type=\"CONTRACT_UPSERT\"}"))
                .isGreaterThanOrEqualTo(1);
    }

    /** The value of one Prometheus series, 0 when it does not exist yet. */
    static double metric(String series) {
        Response metrics = Management.given().get("/q/metrics");
        Matcher value = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(metrics.asString());
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }
}
