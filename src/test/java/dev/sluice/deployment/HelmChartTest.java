package dev.sluice.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart itself: Helm's linter finds nothing to warn of, and what it renders, with its defaults
 * and with every optional resource on, is Kubernetes resources without a field the API does not know.
 */
class HelmChartTest {

    static final Path PRODUCTION_VALUES = Path.of("src/test/resources/helm/production-values.yaml");

    @Test
    void lintsWithoutAWarning() {
        LintResult lint = HelmChart.lint();

        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).as("helm lint --strict").noneMatch(message -> message.contains("[WARNING]")
                || message.contains("[ERROR]"));
    }

    @Test
    void rendersTheGatewayFromItsDefaults() {
        Manifests manifests = HelmChart.render();

        assertThat(manifests.all()).extracting(HasMetadata::getKind).containsExactlyInAnyOrder("Deployment",
                "Service", "ServiceAccount", "ConfigMap", "ConfigMap", "NetworkPolicy", "PodDisruptionBudget");
        assertThat(manifests.one(Deployment.class).getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void rendersEveryOptionalResourceOfAProductionInstallation() throws IOException {
        Manifests manifests = HelmChart.render(Files.readString(PRODUCTION_VALUES));

        assertThat(manifests.all()).extracting(HasMetadata::getKind).containsExactlyInAnyOrder("Deployment",
                "Service", "Service", "ServiceAccount", "ConfigMap", "ConfigMap", "NetworkPolicy",
                "PodDisruptionBudget", "Ingress", "HorizontalPodAutoscaler", "ServiceMonitor", "PrometheusRule",
                "KeycloakRealmImport");
        assertThat(manifests.one(Deployment.class).getSpec().getReplicas())
                .as("replicas, left to the autoscaler").isNull();
        assertThat(manifests.one(HorizontalPodAutoscaler.class).getSpec().getScaleTargetRef().getName())
                .isEqualTo(HelmChart.FULLNAME);
    }

    /** The strict reading the other tests rely on: a field the Kubernetes API does not know fails. */
    @Test
    void aFieldKubernetesDoesNotKnowFailsTheReading() {
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: gateway-sluice
                spec:
                  replica: 2
                  selector: { matchLabels: { app: sluice } }
                  template: { spec: { containers: [ { name: sluice, image: sluice } ] } }
                """;

        assertThatThrownBy(() -> Manifests.read(deployment)).hasMessageContaining("replica");
        assertThatThrownBy(() -> Manifests.read(deployment.replace("kind: Deployment", "kind: Deploymnet")))
                .hasMessageContaining("Deploymnet");
    }

    /** The packaged chart carries the repository's policies and production realm, reached through its link. */
    @Test
    void packagesThePoliciesAndNotTheDevelopmentRealm(@TempDir Path destination) throws IOException {
        new Helm(HelmChart.PATH).packageIt().withDestination(destination).call();

        Path archive;
        try (var files = Files.list(destination)) {
            archive = files.filter(file -> file.toString().endsWith(".tgz")).findFirst().orElseThrow();
        }
        List<String> entries = tarEntries(archive);
        assertThat(entries).contains("sluice/policies/rate-limits.yaml", "sluice/policies/routing.yaml",
                "sluice/policies/validation.yaml", "sluice/policies/keycloak/sluice-realm-production.json",
                "sluice/values.schema.json");
        assertThat(entries).as("the development realm, with its demo secrets")
                .doesNotContain("sluice/policies/keycloak/sluice-realm.json");
    }

    /** The names in a .tgz, read from its ustar headers. */
    private static List<String> tarEntries(Path archive) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
                names.add(prefix.isEmpty() ? name : prefix + "/" + name);
                in.skipNBytes((size + 511) / 512 * 512);
            }
        }
        return names;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }
}
