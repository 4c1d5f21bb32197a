package dev.sluice.governance.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.policy.PolicyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plans file: what is accepted, what is refused and how the refusal reads, and reloading. */
class RateLimitPoliciesTest {

    private static final String VALID = """
            plans:
              small: { rate: 1.5, burst: 10, daily-quota: 100, on-redis-failure: fail-open }
              large: { rate: 100, burst: 500, daily-quota: 100000, on-redis-failure: fail-closed }
            costs:
              approveTime: per-entry
              getContract: 3
            backends:
              sandbox: { concurrency: 4, rate: 20, max-outbox-depth: 5000 }
            """;

    @TempDir
    Path folder;

    @Test
    void theProjectsOwnPlansFileIsValid() {
        RateLimitPolicy policy = new RateLimitPolicies(Path.of("policies/rate-limits.yaml")).current();
        assertThat(policy.plans()).containsKeys("sandbox", "standard", "bulk");
        assertThat(policy.mostRestrictive().name()).isEqualTo("sandbox");
        assertThat(policy.cost("approveTime")).isEqualTo(RateLimitPolicy.PER_ENTRY);
    }

    @Test
    void readsPlansAndCosts() {
        RateLimitPolicy policy = RateLimitPolicies.parse("plans.yaml", VALID);
        assertThat(policy.plan("large")).isEqualTo(new Plan("large", 100, 500, 100000, false));
        assertThat(policy.plan(null).name()).as("a client without a plan").isEqualTo("small");
        assertThat(policy.plan("gold").name()).as("a client with a plan that no longer exists").isEqualTo("small");
        assertThat(policy.cost("getContract")).isEqualTo(3);
        assertThat(policy.cost("getOperation")).isEqualTo(1);
        assertThat(policy.plan("small").share(2)).isEqualTo(new Plan("small", 0.75, 5, 50, true));
        assertThat(policy.backend("sandbox")).contains(new BackendLimit("sandbox", 4, 20, 5000));
        assertThat(policy.backend("netsuite")).as("a backend the file sets no limits for").isEmpty();
    }

    @Test
    void namesTheFileAndThePathOfEveryError() {
        assertThatThrownBy(() -> RateLimitPolicies.parse("policies/rate-limits.yaml", """
                expected-replicas: 0
                plans:
                  small: { rate: -1, burst: 1.5, daily-quota: 100, on-redis-failure: maybe, colour: red }
                costs:
                  approveTime: lots
                backends:
                  sandbox: { concurrency: 0, rate: 5, max-outbox-depth: 10 }
                """))
                .isInstanceOf(PolicyFile.InvalidPolicyException.class)
                .hasMessageStartingWith("policies/rate-limits.yaml: ")
                .satisfies(e -> assertThat(((PolicyFile.InvalidPolicyException) e).errors())
                        .anySatisfy(m -> assertThat(m).startsWith("/expected-replicas:").contains("1"))
                        .anySatisfy(m -> assertThat(m).startsWith("/plans/small/rate:"))
                        .anySatisfy(m -> assertThat(m).startsWith("/plans/small/burst:").contains("integer"))
                        .anySatisfy(m -> assertThat(m).startsWith("/plans/small/on-redis-failure:")
                                .contains("fail-open"))
                        .anySatisfy(m -> assertThat(m).startsWith("/plans/small/colour:"))
                        .anySatisfy(m -> assertThat(m).startsWith("/costs/approveTime:"))
                        .anySatisfy(m -> assertThat(m).startsWith("/backends/sandbox/concurrency:")));
    }

    @Test
    void aCostMustNameAnOperationOfTheApiAndPerEntryABatch() {
        assertThatThrownBy(() -> RateLimitPolicies.parse("p.yaml", """
                plans:
                  small: { rate: 1, burst: 1, daily-quota: 1, on-redis-failure: fail-open }
                costs:
                  launchRocket: 1
                  upsertContract: per-entry
                  listDeadLetters: 2
                """))
                .hasMessageContaining("/costs/launchRocket: no operation launchRocket in the v1 contract")
                .hasMessageContaining("/costs/listDeadLetters: no operation listDeadLetters in the v1 contract")
                .hasMessageContaining("/costs/upsertContract: per-entry applies to batches only, and the contract "
                        + "does not mark upsertContract as one");
    }

    @Test
    void refusesAFileWithoutPlansOrThatIsNotYaml() {
        assertThatThrownBy(() -> RateLimitPolicies.parse("p.yaml", "costs: {}\n"))
                .hasMessageContaining("/plans:");
        assertThatThrownBy(() -> RateLimitPolicies.parse("p.yaml", "plans: {}\n"))
                .hasMessageContaining("/plans:");
        assertThatThrownBy(() -> RateLimitPolicies.parse("p.yaml", "plans: [unclosed\n"))
                .hasMessageContaining("p.yaml: not valid YAML");
    }

    @Test
    void aValidChangeIsTakenUpAndAnInvalidOneLeavesThePlansInForce() throws Exception {
        Path file = folder.resolve("plans.yaml");
        Files.writeString(file, VALID);
        RateLimitPolicies policies = new RateLimitPolicies(file);

        Files.writeString(file, VALID.replace("burst: 10,", "burst: 40,"));
        policies.reload();
        assertThat(policies.current().plan("small").burst()).isEqualTo(40);

        Files.writeString(file, VALID.replace("burst: 10,", "burst: -3,"));
        policies.reload();
        assertThat(policies.current().plan("small").burst()).as("after an invalid change").isEqualTo(40);
    }

    @Test
    void aGatewayWithAnInvalidFileDoesNotStart() throws Exception {
        Path file = folder.resolve("plans.yaml");
        Files.writeString(file, "plans: {}\n");
        assertThatThrownBy(() -> new RateLimitPolicies(file))
                .hasMessageContaining(file.toString()).hasMessageContaining("/plans:");
        assertThatThrownBy(() -> new RateLimitPolicies(folder.resolve("missing.yaml")))
                .hasMessageContaining("cannot be read").hasMessageContaining("missing.yaml")
                .hasMessageContaining("sluice.rate-limits.file");
    }
}
