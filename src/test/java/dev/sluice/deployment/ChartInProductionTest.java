package dev.sluice.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.startup.ProductionSafety;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's pods start in production, and production's refusal of unsafe settings passes with
 * what the chart sets plus the Secrets its README says to create: checked with the gateway's own
 * check, on the environment the rendered Deployment gives the container.
 */
class ChartInProductionTest {

    @TempDir
    Path folder;

    @Test
    void aPlatformTeamsInstallationPassesTheProductionChecks() throws IOException {
        GatewayPod pod = GatewayPod.of(HelmChart.render(Files.readString(HelmChartTest.PRODUCTION_VALUES)));

        assertThat(pod.env()).as("the pods run in production, the default").doesNotContainKey("SLUICE_MODE");
        assertThat(problems(pod)).isEmpty();
    }

    @Test
    void theChartsDefaultsPassButForTheSandboxWhichADemonstrationOptsInto() throws IOException {
        List<String> problems = problems(GatewayPod.of(HelmChart.render(IDENTITY)));
        assertThat(problems).singleElement().asString().contains("routes to the sandbox ERP")
                .contains("SLUICE_SANDBOX_ALLOW_IN_PRODUCTION");

        assertThat(problems(GatewayPod.of(HelmChart.render(IDENTITY + "sandbox:\n  demo: true\n")))).isEmpty();
    }

    @Test
    void theIdentityProviderOnPlainHttpIsRefused() throws IOException {
        String values = IDENTITY.replace("https://sso.example.org", "http://sso.example.org")
                + "sandbox:\n  demo: true\n";
        assertThat(problems(GatewayPod.of(HelmChart.render(values)))).hasSize(2)
                .allSatisfy(problem -> assertThat(problem).contains("is plain HTTP to sso.example.org"));
    }

    /** The identity provider, which the chart cannot guess; everything else is its default. */
    private static final String IDENTITY = """
            oidc:
              authServerUrl: https://sso.example.org/realms/sluice
            keycloak:
              serverUrl: https://sso.example.org
            """;

    /** The production check on the container's environment, every Secret it reads holding a value of its own. */
    private List<String> problems(GatewayPod pod) throws IOException {
        Map<String, EnvVar> env = pod.env();
        Path routing = Files.writeString(folder.resolve("routing-" + System.nanoTime() + ".yaml"),
                pod.policies().get("routing.yaml"));
        java.util.function.Function<String, String> environment = name -> Optional.ofNullable(env.get(name))
                .map(variable -> variable.getValueFrom() == null ? variable.getValue()
                        : "a-value-of-this-installation-for-" + name.toLowerCase(Locale.ROOT))
                .orElse(null);
        return new ProductionSafety(key -> key.equals("sluice.routing.file") ? Optional.of(routing.toString())
                : Optional.ofNullable(environment.apply(ProductionSafety.environmentName(key))),
                environment).problems();
    }
}
