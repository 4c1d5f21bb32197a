package dev.sluice.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.support.ApiTest;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The contract is served as authored, as JSON on request, and with Swagger UI over it. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
class ContractServedTest extends ApiTest {

    @Test
    void servesTheAuthoredContractByteForByte() throws Exception {
        byte[] authored = Files.readAllBytes(Path.of("api-specs", "v1", "sluice-api.yaml"));

        Response response = given().get("/q/openapi");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/yaml");
        assertThat(response.asByteArray()).isEqualTo(authored);
    }

    @Test
    void servesTheContractAsJsonOnRequest() {
        Response response = given().queryParam("format", "json").get("/q/openapi");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.jsonPath().getString("openapi")).isEqualTo("3.1.0");
        assertThat(response.jsonPath().getString("paths.'/api/v1/contracts'.post.operationId"))
                .isEqualTo("upsertContract");
    }

    @Test
    void servesSwaggerUiOverTheContract() {
        Response page = given().get("/q/swagger-ui/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.asString()).contains("'/q/openapi'");
    }

    @Test
    void redirectsSwaggerUiWithoutTrailingSlashToThePage() {
        Response response = given().redirects().follow(false).get("/q/swagger-ui");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.header("Location")).endsWith("/q/swagger-ui/");
    }

    @Test
    void servesTheSwaggerUiScriptThePageReferences() {
        String page = given().get("/q/swagger-ui/").asString();
        Matcher script = Pattern.compile("src=\"([^\"]*swagger-ui-bundle\\.js)\"").matcher(page);
        assertThat(script.find()).as("the page loads swagger-ui-bundle.js: %s", page).isTrue();

        Response bundle = given().get(script.group(1));

        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.asByteArray().length).isGreaterThan(10_000);
    }

    @Test
    void servesTheAdminContractAsAuthored() throws java.io.IOException {
        Response response = given().get("/q/openapi/admin");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.asByteArray()).isEqualTo(java.nio.file.Files.readAllBytes(
                java.nio.file.Path.of("api-specs/admin/v1/sluice-admin-api.yaml")));
    }
}
