package dev.sluice.governance.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plans file: what is accepted, what is refused and how the refusal reads, and reloading. */
class RateLimitPoliciesTest {

    private static final String VALID = """
            expected-replicas: 2
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
        RateLimitPolicy policy = new RateLimitPolicies(config(Path.of("policies/rate-limits.yaml"))).current();
        assertThat(policy.plans()).containsKeys("sandbox", "standard", "bulk");
        assertThat(policy.mostRestrictive().name()).isEqualTo("sandbox");
        assertThat(policy.cost("approveTime")).isEqualTo(RateLimitPolicy.PER_ENTRY);
    }

    @Test
    void readsPlansCostsAndReplicas() {
        RateLimitPolicy policy = RateLimitPolicies.parse("plans.yaml", VALID);
        assertThat(policy.expectedReplicas()).isEqualTo(2);
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
                  launchRocket: 1
                backends:
                  sandbox: { concurrency: 0, rate: 5, max-outbox-depth: 10 }
                """))
                .hasMessageStartingWith("Invalid rate-limit plans in policies/rate-limits.yaml: ")
                .hasMessageContaining("/expected-replicas: must be a whole number of at least 1, not 0")
                .hasMessageContaining("/plans/small/rate: must be a number of units per second above 0, not -1")
                .hasMessageContaining("/plans/small/burst: must be a whole number of at least 1, not 1.5")
                .hasMessageContaining("/plans/small/on-redis-failure: must be fail-open or fail-closed, not \"maybe\"")
                .hasMessageContaining("/plans/small/colour: unknown key")
                .hasMessageContaining("/costs/approveTime: must be a whole number of at least 0, or per-entry")
                .hasMessageContaining("/costs/launchRocket: no operation launchRocket in the v1 contract")
                .hasMessageContaining("/backends/sandbox/concurrency: must be a whole number of calls of at least 1, not 0");
    }

    @Test
    void refusesAFileWithoutPlansOrThatIsNotYaml() {
        assertThatThrownBy(() -> RateLimitPolicies.parse("p.yaml", "costs: {}\n"))
                .hasMessageContaining("/plans: at least one plan is required");
        assertThatThrownBy(() -> RateLimitPolicies.parse("p.yaml", "plans: [unclosed\n"))
                .hasMessageContaining("p.yaml: not valid YAML");
    }

    @Test
    void aValidChangeIsTakenUpAndAnInvalidOneLeavesThePlansInForce() throws Exception {
        Path file = folder.resolve("plans.yaml");
        Files.writeString(file, VALID);
        RateLimitPolicies policies = new RateLimitPolicies(config(file));

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
        assertThatThrownBy(() -> new RateLimitPolicies(config(file)))
                .hasMessageContaining(file.toString()).hasMessageContaining("/plans: at least one plan is required");
        assertThatThrownBy(() -> new RateLimitPolicies(config(folder.resolve("missing.yaml"))))
                .hasMessageContaining("Cannot read the rate-limit plans").hasMessageContaining("missing.yaml");
    }

    private static RateLimitConfig config(Path file) {
        return new RateLimitConfig() {
            @Override
            public String file() {
                return file.toString();
            }

            @Override
            public Duration reloadInterval() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Duration redisTimeout() {
                return Duration.ofMillis(100);
            }

            @Override
            public String redisPrefix() {
                return "sluice";
            }
        };
    }
}
