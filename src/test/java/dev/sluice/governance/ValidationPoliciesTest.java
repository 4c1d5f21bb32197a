package dev.sluice.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.governance.ValidationPolicies.WhenUndecided;
import dev.sluice.policy.PolicyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validation policy file: what it says, what is refused and how the refusal reads, and reloading. */
class ValidationPoliciesTest {

    @TempDir
    Path folder;

    @Test
    void theShippedPolicyDefersTimeAndMilestonesAndRefusesContractTerms() {
        ValidationPolicies.Policy policy = new ValidationPolicies(Path.of("policies/validation.yaml")).current();

        assertThat(policy.forOperation("approveTime")).isEqualTo(WhenUndecided.DEFER);
        assertThat(policy.forOperation("completeMilestone")).isEqualTo(WhenUndecided.DEFER);
        assertThat(policy.forOperation("upsertContract")).isEqualTo(WhenUndecided.REFUSE);
        assertThat(policy.forOperation("createChangeOrder")).isEqualTo(WhenUndecided.REFUSE);
        assertThat(policy.forOperation("upsertProject")).isEqualTo(WhenUndecided.REFUSE);
        assertThat(policy.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aWriteTheFileDoesNotNameIsRefused() {
        ValidationPolicies.Policy policy = ValidationPolicies.parse("validation.yaml", """
                operations:
                  approveTime: defer
                """);

        assertThat(policy.forOperation("approveTime")).isEqualTo(WhenUndecided.DEFER);
        assertThat(policy.forOperation("completeMilestone")).isEqualTo(WhenUndecided.REFUSE);
        assertThat(policy.retryAfter()).as("the schema's default").isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void everyViolationOfTheSchemaIsNamedWithItsPath() {
        assertThatThrownBy(() -> ValidationPolicies.parse("policies/validation.yaml", """
                retry-after-seconds: 0
                colour: red
                operations:
                  approveTime: maybe
                """))
                .isInstanceOf(PolicyFile.InvalidPolicyException.class)
                .satisfies(e -> assertThat(((PolicyFile.InvalidPolicyException) e).errors())
                        .anySatisfy(m -> assertThat(m).startsWith("/colour:"))
                        .anySatisfy(m -> assertThat(m).startsWith("/retry-after-seconds:").contains("1"))
                        .anySatisfy(m -> assertThat(m).startsWith("/operations/approveTime:").contains("defer")))
                .hasMessageStartingWith("policies/validation.yaml: ");
    }

    @Test
    void anOperationThatIsNotAWriteOfTheApiIsRefused() {
        assertThatThrownBy(() -> ValidationPolicies.parse("validation.yaml", """
                operations:
                  approveTime: defer
                  getContract: defer
                  launchRocket: refuse
                """))
                .isInstanceOf(PolicyFile.InvalidPolicyException.class)
                .hasMessageContaining("/operations/getContract: not a write of the API")
                .hasMessageContaining("/operations/launchRocket: not a write of the API")
                .hasMessageContaining("approveTime, completeMilestone, createChangeOrder, upsertContract, upsertProject");
    }

    @Test
    void aFileThatIsNotYamlOrIsEmptyIsRefused() {
        assertThatThrownBy(() -> ValidationPolicies.parse("v.yaml", "operations: [unclosed"))
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> ValidationPolicies.parse("v.yaml", ""))
                .hasMessageContaining("the file is empty");
        assertThatThrownBy(() -> ValidationPolicies.parse("v.yaml", "retry-after-seconds: 5"))
                .hasMessageContaining("/operations:");
    }

    @Test
    void aChangeAppliesOnReloadAndAnInvalidChangeKeepsThePolicyInForce() throws Exception {
        Path file = folder.resolve("validation.yaml");
        Files.writeString(file, "operations:\n  approveTime: defer\n");
        ValidationPolicies policies = new ValidationPolicies(file);

        Files.writeString(file, "operations:\n  approveTime: refuse\n");
        policies.reload();
        assertThat(policies.current().forOperation("approveTime")).isEqualTo(WhenUndecided.REFUSE);

        Files.writeString(file, "operations:\n  approveTime: sometimes\n");
        policies.reload();
        assertThat(policies.current().forOperation("approveTime")).as("kept after an invalid change")
                .isEqualTo(WhenUndecided.REFUSE);
    }

    @Test
    void aMissingFileStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> new ValidationPolicies(folder.resolve("absent.yaml")))
                .isInstanceOf(PolicyFile.InvalidPolicyException.class)
                .hasMessageContaining("sluice.validation.file");
    }
}
