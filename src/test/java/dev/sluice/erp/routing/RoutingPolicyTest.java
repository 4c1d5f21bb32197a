package dev.sluice.erp.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import dev.sluice.policy.PolicyFile;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingPolicyTest {

    private static RoutingPolicy parse(String text) {
        return RoutingPolicy.parse("routing.yaml", text, Map.<String, String>of()::get);
    }

    private static final String NETSUITE = """
            { type: netsuite, account-id: "1234567", client-id: "env:NS_CLIENT", certificate-id: cert-1,
              private-key: "file:/run/secrets/ns.pem" }""";

    private static final String BUSINESS_CENTRAL = """
            { type: business-central, tenant-id: contoso.onmicrosoft.com, environment: production,
              company-id: 00000000-0000-0000-0000-000000000001, legal-entity: UK01, client-id: "env:BC_CLIENT",
              client-secret: "env:BC_SECRET" }""";

    @Test
    void listedLegalEntitiesGoToTheirBackendAndOthersToTheDefault() {
        RoutingPolicy policy = parse("""
                default-backend: sandbox
                legal-entities:
                  US01: netsuite-us
                  UK01: bc-uk
                backends:
                  sandbox: { type: sandbox, guard: { post-timeout: 10s } }
                  netsuite-us: %s
                  bc-uk: %s
                """.formatted(NETSUITE, BUSINESS_CENTRAL));

        assertThat(policy.backendFor("US01")).isEqualTo("netsuite-us");
        assertThat(policy.backendFor("UK01")).isEqualTo("bc-uk");
        assertThat(policy.backendFor("DE01")).as("a legal entity not listed").isEqualTo("sandbox");
        assertThat(policy.backends()).containsOnlyKeys("sandbox", "netsuite-us", "bc-uk");
        assertThat(policy.backends().get("netsuite-us").type()).isEqualTo("netsuite");
        assertThat(policy.backends().get("netsuite-us").properties()).containsEntry("account-id", "1234567")
                .doesNotContainKey("type");
        assertThat(policy.backends().get("sandbox").properties()).as("the guard's settings, kept apart")
                .containsEntry("guard.post-timeout", "10s");
        assertThat(GuardSettings.of(policy.backends().get("sandbox")).postTimeout())
                .isEqualTo(java.time.Duration.ofSeconds(10));
        assertThat(GuardSettings.of(policy.backends().get("netsuite-us"))).isEqualTo(GuardSettings.DEFAULTS);
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsPath() {
        assertThatThrownBy(() -> parse("""
                default-backend: sandbox
                backends:
                  sandbox: { type: sandbox, base-url: "https://sandbox.example.test" }
                  untyped: { account-id: "1" }
                  Bad_Name: { type: remote }
                  nested: { type: remote, timeouts: { post: 5s } }
                  guarded: { type: remote, guard: { post-timeout: soon, retries: 3 } }
                  netsuite-us: { type: netsuite, account-id: "1234567", client-id: s3cr3t, post-timeout: 30s }
                routes: {}
                """))
                .isInstanceOf(PolicyFile.InvalidPolicyException.class)
                .hasMessageStartingWith("routing.yaml: ")
                .satisfies(e -> assertThat(((PolicyFile.InvalidPolicyException) e).errors())
                        .anySatisfy(m -> assertThat(m).startsWith("/routes:"))
                        .anySatisfy(m -> assertThat(m).startsWith("/backends/sandbox/base-url:"))
                        .anySatisfy(m -> assertThat(m).startsWith("/backends/untyped/type:"))
                        .anySatisfy(m -> assertThat(m).contains("Bad_Name"))
                        .anySatisfy(m -> assertThat(m).startsWith("/backends/nested/timeouts:"))
                        .anySatisfy(m -> assertThat(m).startsWith("/backends/guarded/guard/post-timeout:"))
                        .anySatisfy(m -> assertThat(m).startsWith("/backends/guarded/guard/retries:"))
                        .anySatisfy(m -> assertThat(m).startsWith("/backends/netsuite-us/client-id:"))
                        .anySatisfy(m -> assertThat(m).startsWith("/backends/netsuite-us/certificate-id:"))
                        .anySatisfy(m -> assertThat(m).as("a setting NetSuite does not take").startsWith(
                                "/backends/netsuite-us/post-timeout:")));
    }

    @Test
    void everyBackendTheFileNamesMustBeOneItDefines() {
        assertThatThrownBy(() -> parse("""
                default-backend: oracle
                legal-entities:
                  US01: nowhere
                backends:
                  sandbox: { type: sandbox }
                """))
                .isInstanceOf(PolicyFile.InvalidPolicyException.class)
                .hasMessageContaining("/default-backend: oracle is not one of the backends [sandbox]")
                .hasMessageContaining("/legal-entities/US01: nowhere is not one of the backends [sandbox]");
    }

    @Test
    void aFileWithoutBackendsOrDefaultIsRefused() {
        assertThatThrownBy(() -> parse("legal-entities: {}\n"))
                .hasMessageContaining("/backends:")
                .hasMessageContaining("/default-backend:");
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
