package dev.sluice.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The production realm is the development realm without its demo clients and without a secret: the
 * same client scopes, the same gateway client and service account, its secret a placeholder the
 * import fills in from the environment.
 */
class ProductionRealmTest {

    static final Path DEVELOPMENT = Path.of("policies/keycloak/sluice-realm.json");
    static final Path PRODUCTION = Path.of("policies/keycloak/sluice-realm-production.json");
    /** What the gateway's client secret is in the production realm: filled in by Keycloak's import. */
    static final String GATEWAY_SECRET_PLACEHOLDER = "SLUICE_GATEWAY_SECRET";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[A-Z][A-Z0-9_]*}");

    private final JsonNode development = read(DEVELOPMENT);
    private final JsonNode production = read(PRODUCTION);
    private final ApplicationProperties properties = ApplicationProperties.read();

    @Test
    void hasTheClientScopesOfTheDevelopmentRealm() {
        assertThat(production.path("clientScopes")).isEqualTo(development.path("clientScopes"));
        assertThat(production.path("defaultDefaultClientScopes")).isEqualTo(development.path("defaultDefaultClientScopes"));
        assertThat(production.path("defaultOptionalClientScopes"))
                .isEqualTo(development.path("defaultOptionalClientScopes"));
    }

    @Test
    void holdsTheGatewaysClientAndServiceAccountAndNoOtherClient() {
        String gateway = properties.require("quarkus.keycloak.admin-client.client-id");

        assertThat(production.path("realm").asText()).isEqualTo(properties.require("quarkus.keycloak.admin-client.realm"));
        assertThat(production.path("clients")).extracting(client -> client.path("clientId").asText())
                .containsExactly(gateway);
        ObjectNode expected = client(development, gateway).deepCopy();
        expected.put("secret", "${" + GATEWAY_SECRET_PLACEHOLDER + "}");
        assertThat(client(production, gateway)).as("the gateway's client, its secret a placeholder").isEqualTo(expected);
        assertThat(production.path("users")).as("the gateway's service account and its roles")
                .isEqualTo(development.path("users"));
    }

    @Test
    void holdsNoSecret() {
        List<String> secrets = new ArrayList<>();
        collectSecrets(production, "", secrets);

        assertThat(secrets).as("values of secret fields that are not ${PLACEHOLDER}s").isEmpty();
        assertThat(production.toString()).as("a secret shipped with the development realm")
                .doesNotContain(developmentSecrets());
    }

    @Test
    void requiresHttpsForEveryoneButTheLocalNetwork() {
        assertThat(production.path("sslRequired").asText()).isIn("external", "all");
    }

    private String[] developmentSecrets() {
        List<String> secrets = new ArrayList<>();
        development.path("clients").forEach(client -> secrets.add(client.path("secret").asText()));
        return secrets.stream().filter(secret -> !secret.isEmpty()).toArray(String[]::new);
    }

    /** Every field that holds a secret (its name says so: secret, password, credential value), not a placeholder. */
    private static void collectSecrets(JsonNode node, String pointer, List<String> secrets) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                String at = pointer + "/" + field.getKey();
                String name = field.getKey().toLowerCase(Locale.ROOT);
                boolean secretField = name.contains("secret") || name.contains("password")
                        || (name.equals("value") && pointer.contains("credentials"));
                if (secretField && field.getValue().isValueNode()
                        && !PLACEHOLDER.matcher(field.getValue().asText()).matches()) {
                    secrets.add(at + " = " + field.getValue().asText());
                }
                collectSecrets(field.getValue(), at, secrets);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectSecrets(node.get(i), pointer + "/" + i, secrets);
            }
        }
    }

    private static JsonNode client(JsonNode realm, String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (client.path("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("no client " + clientId);
    }

    static JsonNode read(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
