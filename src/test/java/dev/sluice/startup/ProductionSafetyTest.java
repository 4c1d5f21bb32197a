package dev.sluice.startup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings production refuses, each named with what to do; and a safe deployment that passes. */
class ProductionSafetyTest {

    private static final String NETSUITE_ROUTING = """
            default-backend: netsuite-us
            backends:
              netsuite-us:
                type: netsuite
                account-id: "1234567"
                client-id: env:NETSUITE_CLIENT_ID
                certificate-id: cert-1
                private-key: file:/run/secrets/netsuite-key.pem
            """;

    @TempDir
    Path folder;

    private final Map<String, String> settings = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();

    @BeforeEach
    void aSafeDeployment() throws IOException {
        settings.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://db.internal:5432/sluice");
        settings.put("quarkus.oidc.auth-server-url", "https://login.example.com/realms/sluice");
        settings.put("quarkus.keycloak.admin-client.server-url", "https://login.example.com");
        settings.put("quarkus.keycloak.admin-client.client-secret", "7bd1c0f2-its-own");
        settings.put("sluice.cursors.signing-key", "a-key-of-its-own-with-32-characters-or-more");
        settings.put("sluice.routing.file", routing(NETSUITE_ROUTING));
        environment.put("NETSUITE_CLIENT_ID", "client-of-its-own");
    }

    @Test
    void aDeploymentWithItsOwnSettingsPasses() {
        assertThat(problems()).isEmpty();
    }

    @Test
    void nothingSetIsEveryProblemAtOnceEachNamingItsVariable() {
        settings.clear();
        settings.put("sluice.routing.file", Path.of("policies/routing.yaml").toString());

        assertThat(problems()).hasSize(6).anySatisfy(p -> assertThat(p).startsWith(
                "quarkus.datasource.jdbc.url (QUARKUS_DATASOURCE_JDBC_URL) is not set"))
                .anySatisfy(p -> assertThat(p).contains("QUARKUS_KEYCLOAK_ADMIN_CLIENT_CLIENT_SECRET) is not set"))
                .anySatisfy(p -> assertThat(p).contains("SLUICE_CURSORS_SIGNING_KEY) is not set"))
                .anySatisfy(p -> assertThat(p).contains("QUARKUS_OIDC_AUTH_SERVER_URL) is not set"))
                .anySatisfy(p -> assertThat(p).contains("QUARKUS_KEYCLOAK_ADMIN_CLIENT_SERVER_URL) is not set"))
                .anySatisfy(p -> assertThat(p).contains("routes to the sandbox ERP"));
    }

    @Test
    void everySecretThisRepositoryPublishesIsRefusedWhereverItIsUsed() throws IOException {
        for (String shipped : publishedSecrets()) {
            settings.put("quarkus.keycloak.admin-client.client-secret", shipped);
            settings.put("sluice.cursors.signing-key", shipped);
            environment.put("NETSUITE_CLIENT_ID", shipped);

            assertThat(problems()).as(shipped).hasSize(3).allSatisfy(p -> assertThat(p).contains(
                    "is a value published in the Sluice repository for development"));
        }
    }

    @Test
    void plainHttpToTheIdentityProviderIsRefusedUnlessItStaysOnThisHost() {
        settings.put("quarkus.oidc.auth-server-url", "http://keycloak.internal:8080/realms/sluice");
        settings.put("quarkus.keycloak.admin-client.server-url", "http://10.0.0.7:8080");
        assertThat(problems()).containsExactly(
                "quarkus.oidc.auth-server-url (QUARKUS_OIDC_AUTH_SERVER_URL) is plain HTTP to keycloak.internal:"
                        + " tokens and client secrets would cross the network readable; use https",
                "quarkus.keycloak.admin-client.server-url (QUARKUS_KEYCLOAK_ADMIN_CLIENT_SERVER_URL) is plain HTTP"
                        + " to 10.0.0.7: tokens and client secrets would cross the network readable; use https");

        for (String sidecar : List.of("http://127.0.0.1:8180", "http://localhost:8180", "http://[::1]:8180")) {
            settings.put("quarkus.oidc.auth-server-url", sidecar + "/realms/sluice");
            settings.put("quarkus.keycloak.admin-client.server-url", sidecar);
            assertThat(problems()).as(sidecar).isEmpty();
        }
    }

    @Test
    void anErpOnPlainHttpIsRefusedWhereverItIs() throws IOException {
        settings.put("sluice.routing.file", routing(NETSUITE_ROUTING + "    base-url: http://127.0.0.1:9999\n"));

        assertThat(problems()).singleElement().asString()
                .contains("/backends/netsuite-us/base-url is plain HTTP (http://127.0.0.1:9999)");
    }

    @Test
    void theSandboxNeedsAnExplicitOptInAndNotRoutingToItNeedsNone() throws IOException {
        String withSandbox = NETSUITE_ROUTING + "  demo:\n    type: sandbox\n";
        settings.put("sluice.routing.file", routing(withSandbox));
        assertThat(problems()).as("a sandbox defined, nothing routed to it").isEmpty();

        settings.put("sluice.routing.file", routing(withSandbox + "legal-entities:\n  US02: demo\n"));
        assertThat(problems()).singleElement().asString().contains("routes to the sandbox ERP")
                .contains("SLUICE_SANDBOX_ALLOW_IN_PRODUCTION");

        settings.put("sluice.sandbox.allow-in-production", "true");
        assertThat(problems()).isEmpty();
    }

    @Test
    void aRoutingFileThatIsMissingOrWrongIsNamed() throws IOException {
        settings.put("sluice.routing.file", folder.resolve("nowhere.yaml").toString());
        assertThat(problems()).singleElement().asString().contains("nowhere.yaml does not exist");

        settings.put("sluice.routing.file", routing(NETSUITE_ROUTING.replace("default-backend: netsuite-us",
                "default-backend: erp")));
        assertThat(problems()).singleElement().asString().contains("/default-backend: erp is not one of the backends");
    }

    @Test
    void theRefusalListsEachProblemAndTheWayToTheDevelopmentSetup() {
        String refusal = ModeConfigSourceFactory.refusal(List.of("first", "second"));

        assertThat(refusal).startsWith("Sluice does not start in production (sluice.mode=production, the default)")
                .contains("\n  - first\n  - second\n").endsWith("set sluice.mode (SLUICE_MODE) to development,"
                        + " as scripts/run does.");
    }

    /** Every client secret of the development realm and every secret of the development settings. */
    private static List<String> publishedSecrets() throws IOException {
        JsonNode realm = new ObjectMapper().readTree(Path.of("policies/keycloak/sluice-realm.json").toFile());
        List<String> secrets = new java.util.ArrayList<>(realm.path("clients").findValuesAsText("secret"));
        Properties development = new Properties();
        try (InputStream in = ProductionSafetyTest.class.getResourceAsStream("/development.properties")) {
            development.load(in);
        }
        secrets.add(development.getProperty("quarkus.keycloak.admin-client.client-secret"));
        secrets.add(development.getProperty("sluice.cursors.signing-key"));
        assertThat(secrets).as("the published secrets found").hasSizeGreaterThanOrEqualTo(5).doesNotContainNull();
        return secrets;
    }

    private List<String> problems() {
        return new ProductionSafety(key -> Optional.ofNullable(settings.get(key)), environment::get).problems();
    }

    private String routing(String text) throws IOException {
        Path file = Files.createTempFile(folder, "routing", ".yaml");
        Files.writeString(file, text);
        return file.toString();
    }
}
