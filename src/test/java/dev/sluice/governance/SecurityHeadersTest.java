package dev.sluice.governance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.support.Management;
import dev.sluice.support.ApiTest;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** What every answer carries, and what no path answers. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
class SecurityHeadersTest extends ApiTest {

    @Test
    void apiAnswersAreNeverCachedNorSniffed() {
        for (Response answer : new Response[] {
            given().get("/api/v1/master-data/currencies"),
            given().get("/api/v1/contracts/NOPE-1"),
            given().get("/admin/v1/clients/psa-demo"),
        }) {
            assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
            assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
    }

    @Test
    void otherAnswersAreNotSniffedEither() {
        assertThat(Management.given().get("/q/health/ready").header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(given().get("/q/openapi").header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void noAnswerNamesTheServerSoftware() {
        assertThat(given().get("/api/v1/master-data/currencies").header("Server")).isNull();
        assertThat(Management.given().get("/q/health/live").header("Server")).isNull();
    }

    @Test
    void traceIsRefusedEverywhere() {
        for (String path : new String[] {"/api/v1/contracts", "/q/openapi", "/", "/nowhere"}) {
            Response answer = given().request("TRACE", path);
            assertThat(answer.statusCode()).as("TRACE " + path).isEqualTo(405);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void theDevUiIsNotServedOutsideDevelopment() {
        assertThat(given().get("/q/dev-ui").statusCode()).isEqualTo(404);
    }
}
