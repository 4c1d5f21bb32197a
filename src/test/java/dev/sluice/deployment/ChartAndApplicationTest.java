package dev.sluice.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sluice.erp.routing.GuardSettings;
import dev.sluice.erp.routing.RoutingPolicy;
import dev.sluice.governance.ValidationPolicies;
import dev.sluice.governance.ratelimit.RateLimitPolicies;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What holds the chart and the application together: the chart probes and exposes the ports and paths
 * the gateway serves, sets only keys the gateway reads, mounts policies the gateway's own checks accept
 * where the gateway reads them, and gives a stopping pod the time the gateway's drain takes. Most checks
 * run on the chart's defaults and on a production installation's values.
 */
class ChartAndApplicationTest {

    /** A credential reference in routing.yaml. */
    private static final Pattern ENV_REFERENCE = Pattern.compile("env:([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern FILE_REFERENCE = Pattern.compile("file:(/\\S+)");
    private static final Pattern SLUICE_METRIC = Pattern.compile("\\bsluice_[a-z0-9_]+");

    private final ApplicationProperties properties = ApplicationProperties.read();

    /** The installations every check runs on: the chart's defaults, and a production installation's values. */
    static Stream<String> installations() throws IOException {
        return Stream.of("{}", Files.readString(HelmChartTest.PRODUCTION_VALUES));
    }

    private static GatewayPod pod(String values) {
        return GatewayPod.of(HelmChart.render(values));
    }

    @ParameterizedTest
    @MethodSource("installations")
    void probesTheHealthOfTheManagementInterface(String values) {
        GatewayPod pod = pod(values);
        Container container = pod.container();

        assertThat(path(container.getStartupProbe())).isEqualTo("/q/health/started");
        assertThat(path(container.getReadinessProbe())).isEqualTo("/q/health/ready");
        assertThat(path(container.getLivenessProbe())).isEqualTo("/q/health/live");
        for (Probe probe : List.of(container.getStartupProbe(), container.getReadinessProbe(), container.getLivenessProbe())) {
            assertThat(probe.getHttpGet().getPort().getStrVal()).as("the port a probe checks").isEqualTo("management");
        }
        assertThat(pod.port("management")).as("the management interface's port (quarkus.management.port)")
                .isEqualTo(properties.managementPort());
        assertThat(properties.get("quarkus.management.enabled")).as("quarkus.management.enabled, when set")
                .isIn(Optional.empty(), Optional.of("true"));
        assertThat(pod.port("http")).as("the HTTP port (quarkus.http.port)").isEqualTo(properties.httpPort());
    }

    @ParameterizedTest
    @MethodSource("installations")
    void exposesTheApiPortAloneInThePublicService(String values) {
        Manifests manifests = HelmChart.render(values);
        Service service = manifests.named(Service.class, HelmChart.FULLNAME);

        assertThat(service.getSpec().getPorts()).extracting(port -> port.getTargetPort().getStrVal())
                .as("the ports the public Service forwards to").containsExactly("http");
        assertThat(manifests.all(Service.class)).as("every Service forwarding to the management port")
                .filteredOn(s -> s.getSpec().getPorts().stream().map(ServicePort::getTargetPort)
                        .anyMatch(target -> "management".equals(target.getStrVal())))
                .allSatisfy(management -> assertThat(management.getSpec().getClusterIP())
                        .as("a Service of the management port is headless, for the ServiceMonitor").isEqualTo("None"));
    }

    @ParameterizedTest
    @MethodSource("installations")
    void letsOnlyTheMonitoringPeersReachTheManagementPort(String values) {
        NetworkPolicy policy = HelmChart.render(values).one(NetworkPolicy.class);

        List<NetworkPolicyIngressRule> management = policy.getSpec().getIngress().stream()
                .filter(rule -> rule.getPorts().stream().anyMatch(port -> "management".equals(port.getPort().getStrVal())))
                .toList();
        assertThat(management).as("rules admitting traffic to the management port").singleElement()
                .satisfies(rule -> assertThat(rule.getFrom()).as("who may reach it: never anyone").isNotEmpty()
                        .allSatisfy(peer -> assertThat(peer.getNamespaceSelector()).isNotNull()));
        assertThat(policy.getSpec().getIngress()).as("rules admitting the API port")
                .anySatisfy(rule -> assertThat(rule.getPorts()).singleElement()
                        .satisfies(port -> assertThat(port.getPort().getStrVal()).isEqualTo("http")));
    }

    /**
     * Every variable is a key the gateway reads at run time, by the MicroProfile rule
     * (QUARKUS_DATASOURCE_JDBC_URL is quarkus.datasource.jdbc.url), or an ERP credential routing.yaml names.
     */
    @ParameterizedTest
    @MethodSource("installations")
    void setsOnlyKeysTheGatewayReads(String values) {
        GatewayPod pod = pod(values);
        Set<String> credentials = credentials(ENV_REFERENCE, pod.policies().get("routing.yaml"));

        List<String> unknown = pod.env().keySet().stream()
                .filter(variable -> ApplicationKeys.keyOf(variable).isEmpty() && !credentials.contains(variable))
                .toList();

        assertThat(unknown).as("variables that set no key the gateway reads and no credential routing.yaml names")
                .isEmpty();
        assertThat(pod.env()).as("the variables the application is pointed at its parts with")
                .containsKeys("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_OIDC_AUTH_SERVER_URL", "SLUICE_CURSORS_SIGNING_KEY");
    }

    /** The check above passing means something: it knows the gateway's keys and refuses a variable it does not read. */
    @Test
    void knowsTheKeysTheGatewayReadsAndNoOther() {
        assertThat(ApplicationKeys.keyOf("QUARKUS_DATASOURCE_JDBC_URL")).contains("quarkus.datasource.jdbc.url");
        assertThat(ApplicationKeys.keyOf("SLUICE_CURSORS_SIGNING_KEY")).contains("sluice.cursors.signing-key");
        assertThat(ApplicationKeys.keyOf("SLUICE_RATE_LIMITS_RELOAD_INTERVAL")).contains("sluice.rate-limits.reload-interval");
        assertThat(ApplicationKeys.keyOf("QUARKUS_KEYCLOAK_ADMIN_CLIENT_CLIENT_SECRET"))
                .contains("quarkus.keycloak.admin-client.client-secret");
        assertThat(ApplicationKeys.keyOf("QUARKUS_DATASOURCE_JDBC_MAXSIZE")).as("a misspelt key").isEmpty();
        assertThat(ApplicationKeys.keyOf("QUARKUS_DATASOURCE_DB_KIND")).as("a build-time key, fixed in the image").isEmpty();
    }

    @Test
    void aDemoInstallationAllowsTheSandboxInProduction() {
        GatewayPod demo = pod("sandbox: { demo: true }");

        assertThat(demo.valueOf("SLUICE_SANDBOX_ALLOW_IN_PRODUCTION")).contains("true");
        assertThat(pod("{}").env()).doesNotContainKey("SLUICE_SANDBOX_ALLOW_IN_PRODUCTION");
        assumeThat(ApplicationKeys.keyOf("SLUICE_SANDBOX_ALLOW_IN_PRODUCTION"))
                .as("checked once the gateway reads sluice.sandbox.allow-in-production").isPresent();
        assertThat(ApplicationKeys.keyOf("SLUICE_SANDBOX_ALLOW_IN_PRODUCTION")).contains("sluice.sandbox.allow-in-production");
    }

    @ParameterizedTest
    @MethodSource("installations")
    void mountsPoliciesTheGatewaysOwnChecksAccept(String values) {
        GatewayPod pod = pod(values);
        Map<String, String> policies = pod.policies();
        Set<String> variables = pod.env().keySet();

        assertThat(policies).containsOnlyKeys(RuntimeLayout.POLICY_FILES);
        RateLimitPolicies.parse("rate-limits.yaml", policies.get("rate-limits.yaml"));
        ValidationPolicies.parse("validation.yaml", policies.get("validation.yaml"));
        RoutingPolicy routing = RoutingPolicy.parse("routing.yaml", policies.get("routing.yaml"),
                variable -> variables.contains(variable) ? "set by the pod" : null);
        assertThat(routing.backends()).isNotEmpty();
    }

    /** An ERP credential routing.yaml names comes from a Secret the pod reads: a variable, or a mounted file. */
    @ParameterizedTest
    @MethodSource("installations")
    void providesEveryCredentialRoutingNamesFromASecret(String values) {
        GatewayPod pod = pod(values);
        String routing = pod.policies().get("routing.yaml");

        for (String variable : credentials(ENV_REFERENCE, routing)) {
            assertThat(pod.secretOf(variable)).as("the Secret %s is taken from", variable).isPresent();
        }
        List<String> secretDirectories = pod.container().getVolumeMounts().stream()
                .filter(mount -> pod.volume(mount.getName()).getSecret() != null).map(VolumeMount::getMountPath).toList();
        for (String file : credentials(FILE_REFERENCE, routing)) {
            assertThat(secretDirectories).as("a mounted Secret holding %s", file)
                    .anyMatch(directory -> file.startsWith(directory + "/"));
        }
    }

    @ParameterizedTest
    @MethodSource("installations")
    void mountsThePoliciesWhereTheGatewayReadsThem(String values) {
        GatewayPod pod = pod(values);
        VolumeMount mount = pod.mount("policies");

        assertThat(mount.getMountPath()).isEqualTo(RuntimeLayout.WORKING_DIRECTORY + "/policies");
        assertThat(mount.getSubPath()).as("a file mounted by subPath would never see the ConfigMap's changes").isNull();
        assertThat(RuntimeLayout.policyFileDefaults()).map(file -> file.substring("policies/".length()))
                .containsExactlyInAnyOrderElementsOf(pod.policies().keySet());
    }

    @Test
    void restartsThePodsWhenRoutingChangesButNotWhenAReloadedPolicyDoes() {
        String routing = """
                policies:
                  routing: |
                    default-backend: sandbox
                    backends:
                      sandbox:
                        type: sandbox
                """;
        String rateLimits = """
                policies:
                  rateLimits: |
                    plans:
                      standard: { rate: 10, burst: 100, daily-quota: 1000, on-redis-failure: fail-open }
                """;

        String initial = checksum("{}");
        assertThat(checksum(routing)).as("after a routing change").isNotEqualTo(initial);
        assertThat(checksum(rateLimits)).as("after a rate-limit change, which the gateway reloads").isEqualTo(initial);
    }

    private static String checksum(String values) {
        return pod(values).deployment().getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/routing");
    }

    /**
     * On SIGTERM the gateway reports not ready for quarkus.shutdown.delay, lets requests finish for
     * quarkus.shutdown.timeout and settles the ERP calls in flight, each up to its backend's post timeout.
     */
    @ParameterizedTest
    @MethodSource("installations")
    void givesAStoppingPodTheTimeTheGatewaysDrainTakes(String values) {
        GatewayPod pod = pod(values);
        RoutingPolicy routing = RoutingPolicy.parse("routing.yaml", pod.policies().get("routing.yaml"), variable -> "set");
        Duration longestPost = routing.backends().values().stream().map(GuardSettings::of)
                .map(GuardSettings::postTimeout).max(Duration::compareTo).orElseThrow();

        Duration drain = properties.duration("quarkus.shutdown.delay").plus(properties.duration("quarkus.shutdown.timeout"))
                .plus(longestPost);

        assertThat(Duration.ofSeconds(pod.spec().getTerminationGracePeriodSeconds()))
                .as("terminationGracePeriodSeconds against the drain (%s)", drain).isGreaterThanOrEqualTo(drain);
    }

    @ParameterizedTest
    @MethodSource("installations")
    void runsAsTheImagesNonRootUserOnAReadOnlyRoot(String values) {
        GatewayPod pod = pod(values);
        PodSecurityContext podContext = pod.spec().getSecurityContext();
        SecurityContext context = pod.container().getSecurityContext();

        assertThat(podContext.getRunAsNonRoot()).isTrue();
        assertThat(String.valueOf(podContext.getRunAsUser())).as("the pod's user, the image's")
                .isEqualTo(Dockerfile.read().last("USER").orElseThrow());
        assertThat(podContext.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(context.getRunAsNonRoot()).isTrue();
        assertThat(context.getAllowPrivilegeEscalation()).isFalse();
        assertThat(context.getReadOnlyRootFilesystem()).isTrue();
        assertThat(context.getPrivileged()).isNull();
        assertThat(context.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(context.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(pod.mount("tmp").getMountPath()).as("the one writable directory, the JVM's java.io.tmpdir")
                .isEqualTo(RuntimeLayout.TMP);
        assertThat(pod.volume("tmp").getEmptyDir()).isNotNull();
        assertThat(pod.spec().getAutomountServiceAccountToken()).as("a Kubernetes API token the gateway has no use for")
                .isFalse();
    }

    @Test
    void runsTheImageTheBuildMakesOnItsPorts() throws IOException {
        GatewayPod pod = pod("{}");
        String version = Files.readString(Path.of("pom.xml")).replaceAll("(?s).*?<artifactId>sluice</artifactId>\\s*<version>([^<]+)</version>.*", "$1");

        assertThat(pod.container().getImage()).isEqualTo(properties.require("quarkus.container-image.group") + "/"
                + properties.require("quarkus.container-image.name") + ":" + version);
        assertThat(pod.container().getPorts()).extracting(port -> port.getContainerPort())
                .containsExactlyElementsOf(Dockerfile.read().exposedPorts());
    }

    /** Credentials are taken from Secrets the installation creates; the chart writes none. */
    @ParameterizedTest
    @MethodSource("installations")
    void takesEveryCredentialFromASecret(String values) {
        Manifests manifests = HelmChart.render(values);
        GatewayPod pod = GatewayPod.of(manifests);

        assertThat(manifests.all()).extracting(HasMetadata::getKind).doesNotContain("Secret");
        for (String credential : List.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
                "QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_REDIS_HOSTS", "QUARKUS_KEYCLOAK_ADMIN_CLIENT_CLIENT_SECRET",
                "SLUICE_CURSORS_SIGNING_KEY")) {
            assertThat(pod.secretOf(credential)).as("the Secret %s is taken from", credential).isPresent();
        }
        assertThat(pod.env().values()).as("plain values that look like credentials").extracting(EnvVar::getName)
                .filteredOn(name -> name.matches("(.*_)?(PASSWORD|SECRET|KEY)(_.*)?"))
                .allSatisfy(name -> assertThat(pod.secretOf(name)).as(name).isPresent());
    }

    @Test
    void alertsOnlyOnMetricsTheGatewayRegisters() throws IOException {
        Manifests manifests = HelmChart.render(Files.readString(HelmChartTest.PRODUCTION_VALUES));
        JsonNode rule = Manifests.tree(manifests.custom("PrometheusRule").get(0));
        Set<String> registered = RegisteredMetrics.prometheusNames();

        List<String> alerts = new ArrayList<>();
        Set<String> used = new TreeSet<>();
        rule.path("spec").path("groups").forEach(group -> group.path("rules").forEach(alert -> {
            alerts.add(alert.path("alert").asText());
            used.addAll(referenced(SLUICE_METRIC, alert.path("expr").asText()));
        }));

        assertThat(registered).as("the gateway's meters, found in its sources")
                .contains("sluice_outbox_oldest_age_seconds", "sluice_delivery_attempts_total");
        assertThat(used).as("metrics the alerts use").isNotEmpty().isSubsetOf(registered);
        assertThat(alerts).contains("SluiceOutboxOldestWriteWaiting", "SluiceDeadLetters", "SluiceErpCircuitOpen",
                "SluiceRateLimitsWithoutRedis", "SluiceAuditChainBroken");
    }

    @Test
    void scrapesTheMetricsOfTheManagementPort() throws IOException {
        Manifests manifests = HelmChart.render(Files.readString(HelmChartTest.PRODUCTION_VALUES));
        JsonNode monitor = Manifests.tree(manifests.custom("ServiceMonitor").get(0));
        Service management = manifests.named(Service.class, HelmChart.FULLNAME + "-management");

        assertThat(monitor.path("spec").path("endpoints")).singleElement().satisfies(endpoint -> {
            assertThat(endpoint.path("port").asText()).isEqualTo("management");
            assertThat(endpoint.path("path").asText()).isEqualTo("/q/metrics");
        });
        monitor.path("spec").path("selector").path("matchLabels").fields().forEachRemaining(label ->
                assertThat(management.getMetadata().getLabels()).containsEntry(label.getKey(), label.getValue().asText()));
        assertThat(management.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("management");
            assertThat(port.getPort()).isEqualTo(properties.managementPort());
        });
    }

    /** The realm the Keycloak Operator imports is the production realm, and its gateway secret the gateway's. */
    @Test
    void importsTheProductionRealmWithTheGatewaysOwnSecret() throws IOException {
        Manifests manifests = HelmChart.render(Files.readString(HelmChartTest.PRODUCTION_VALUES));
        JsonNode spec = Manifests.tree(manifests.custom("KeycloakRealmImport").get(0)).path("spec");
        SecretKeySelector gateway = GatewayPod.of(manifests).secretOf("QUARKUS_KEYCLOAK_ADMIN_CLIENT_CLIENT_SECRET")
                .orElseThrow();

        assertThat(spec.path("realm")).isEqualTo(ProductionRealmTest.read(ProductionRealmTest.PRODUCTION));
        JsonNode placeholder = spec.path("placeholders").path(ProductionRealmTest.GATEWAY_SECRET_PLACEHOLDER).path("secret");
        assertThat(placeholder.path("name").asText()).isEqualTo(gateway.getName());
        assertThat(placeholder.path("key").asText()).isEqualTo(gateway.getKey());
    }

    private static Set<String> referenced(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(matcher.groupCount() >= 1 ? 1 : 0));
        }
        return found;
    }

    /** The credentials a routing file refers to, in its settings (not in its comments). */
    private static Set<String> credentials(Pattern pattern, String routing) {
        Set<String> found = new TreeSet<>();
        try {
            new YAMLMapper().readTree(routing).path("backends").forEach(backend -> backend.fields()
                    .forEachRemaining(setting -> found.addAll(referenced(pattern, setting.getValue().asText()))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static String path(Probe probe) {
        HTTPGetAction get = probe.getHttpGet();
        return get == null ? null : get.getPath();
    }
}
