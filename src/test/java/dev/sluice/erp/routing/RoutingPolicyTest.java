package dev.sluice.erp.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingPolicyTest {

    private static RoutingPolicy parse(String text) {
        return RoutingPolicy.parse("routing.yaml", text, Map.<String, String>of()::get);
    }

    @Test
    void listedLegalEntitiesGoToTheirBackendAndOthersToTheDefault() {
        RoutingPolicy policy = parse("""
                default-backend: sandbox
                legal-entities:
                  US01: netsuite-us
                  UK01: bc-uk
                backends:
                  sandbox: { type: sandbox }
                  netsuite-us: { type: netsuite, account-id: "1234567" }
                  bc-uk: { type: business-central, environment: production }
                """);

        assertThat(policy.backendFor("US01")).isEqualTo("netsuite-us");
        assertThat(policy.backendFor("UK01")).isEqualTo("bc-uk");
        assertThat(policy.backendFor("DE01")).as("a legal entity not listed").isEqualTo("sandbox");
        assertThat(policy.backends()).containsOnlyKeys("sandbox", "netsuite-us", "bc-uk");
        assertThat(policy.backends().get("netsuite-us").type()).isEqualTo("netsuite");
        assertThat(policy.backends().get("netsuite-us").properties()).containsEntry("account-id", "1234567")
                .doesNotContainKey("type");
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsPath() {
        assertThatThrownBy(() -> parse("""
                default-backend: oracle
                legal-entities:
                  US01: nowhere
                backends:
                  sandbox: { type: sandbox }
                  untyped: { account-id: "1" }
                  Bad_Name: { type: netsuite }
                  nested: { type: netsuite, timeouts: { post: 5s } }
                routes: {}
                """))
                .isInstanceOf(RoutingPolicy.InvalidRoutingException.class)
                .hasMessageStartingWith("routing.yaml: ")
                .hasMessageContaining("routes: unknown key")
                .hasMessageContaining("backends.untyped.type: required")
                .hasMessageContaining("backends.Bad_Name: a backend name is lower-case")
                .hasMessageContaining("backends.nested.timeouts: expected a single value")
                .hasMessageContaining("default-backend: oracle is not one of the backends")
                .hasMessageContaining("legal-entities.US01: nowhere is not one of the backends");
    }

    @Test
    void aFileWithoutBackendsOrDefaultIsRefused() {
        assertThatThrownBy(() -> parse("legal-entities: {}\n"))
                .hasMessageContaining("backends: at least one backend is required")
                .hasMessageContaining("default-backend: required");
        assertThatThrownBy(() -> parse("backends: [1, 2\n"))
                .hasMessageStartingWith("routing.yaml: not valid YAML");
    }

    @Test
    void theShippedRoutingFileIsValidAndRoutesEverythingToTheSandbox() throws Exception {
        String text = Files.readString(Path.of("policies/routing.yaml"));

        RoutingPolicy policy = RoutingPolicy.parse("policies/routing.yaml", text, Map.<String, String>of()::get);

        assertThat(policy.defaultBackend()).isEqualTo("sandbox");
        assertThat(policy.backendFor("US01")).isEqualTo("sandbox");
    }
}
