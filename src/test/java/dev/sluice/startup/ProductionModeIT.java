package dev.sluice.startup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.support.ApiTest;
import dev.sluice.support.Deployment;
import dev.sluice.support.GatewayProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged gateway as a platform team first meets it: started bare it refuses, naming every
 * setting to fix in one message, before it touches a database; started with its own settings it
 * runs in production, and a demonstration on the sandbox ERP says so on every answer.
 */
class ProductionModeIT extends ApiTest {

    private static final Path ROUTING = Path.of("policies/routing.yaml").toAbsolutePath();

    @RegisterExtension
    final Deployment deployment = new Deployment();

    @Test
    void aBareStartIsRefusedWithEveryProblemInOneMessageAndNothingStarted(@TempDir Path workingDirectory) {
        GatewayProcess.Exit exit = GatewayProcess.runToExit(workingDirectory, Map.of(
                "sluice.routing.file", ROUTING.toString(),
                "quarkus.oidc.auth-server-url", "http://keycloak.example.com/realms/sluice",
                "quarkus.keycloak.admin-client.client-secret", "sluice-gateway-secret"));

        assertThat(exit.code()).as(exit.output()).isNotZero();
        assertThat(exit.output()).contains(
                "Sluice does not start in production",
                "QUARKUS_DATASOURCE_JDBC_URL) is not set",
                "QUARKUS_KEYCLOAK_ADMIN_CLIENT_CLIENT_SECRET) is a value published in the Sluice repository",
                "SLUICE_CURSORS_SIGNING_KEY) is not set",
                "QUARKUS_OIDC_AUTH_SERVER_URL) is plain HTTP to keycloak.example.com",
                "QUARKUS_KEYCLOAK_ADMIN_CLIENT_SERVER_URL) is not set",
                "routes to the sandbox ERP",
                "SLUICE_MODE");
        assertThat(exit.output()).as("a refusal, not a crash").doesNotContain("Exception", "\tat ");
        assertThat(Files.exists(workingDirectory.resolve("data"))).as("an embedded database was started").isFalse();
    }

    @Test
    void withItsOwnSettingsItRunsInProductionAndADemonstrationOnTheSandboxSaysSoOnEveryAnswer() {
        GatewayProcess gateway = deployment.start("production", Map.of(
                "sluice.mode", "production",
                "quarkus.keycloak.admin-client.client-secret", "a-secret-of-this-deployment-only",
                "sluice.cursors.signing-key", "a-cursor-key-of-this-deployment-only-0123456789",
                "sluice.sandbox.allow-in-production", "true"));

        assertThat(gateway.log()).contains("Running in production mode").doesNotContain("development mode");
        assertThat(given().baseUri(gateway.url()).get("/api/v1/master-data/currencies").header("Sluice-Sandbox"))
                .startsWith("demonstration");
        assertThat(given().baseUri(gateway.url()).get("/q/openapi").header("Sluice-Sandbox")).isNotNull();
    }
}
