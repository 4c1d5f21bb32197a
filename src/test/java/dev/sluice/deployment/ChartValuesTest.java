package dev.sluice.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.comments.CommentLine;
import org.yaml.snakeyaml.comments.CommentType;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The chart's values: values.schema.json refuses a wrong value before anything is installed, with a
 * message that names it; every key of values.yaml says what it is; the Secrets the defaults refer to
 * are the ones the chart's README asks for.
 */
class ChartValuesTest {

    static final Path VALUES = HelmChart.PATH.resolve("values.yaml");
    static final Path README = HelmChart.PATH.resolve("README.md");

    @Test
    void refusesAReplicaCountThatIsNotANumber() {
        assertThat(HelmChart.refusal("replicaCount: three")).contains("/replicaCount").contains("integer");
    }

    @Test
    void refusesAKeyItDoesNotKnow() {
        assertThat(HelmChart.refusal("replicas: 3")).contains("'replicas' not allowed");
        assertThat(HelmChart.refusal("database: { existingSecretName: db }")).contains("/database")
                .contains("'existingSecretName' not allowed");
    }

    @Test
    void refusesAMissingSecretReference() {
        assertThat(HelmChart.refusal("database: { existingSecret: null }")).contains("/database")
                .contains("missing property 'existingSecret'");
        assertThat(HelmChart.refusal("cursors: { existingSecret: '' }")).contains("/cursors/existingSecret");
        assertThat(HelmChart.refusal("keycloak: { clientSecretKey: null }")).contains("missing property 'clientSecretKey'");
        assertThat(HelmChart.refusal("erp: { credentials: [ { env: NETSUITE_CLIENT_ID, key: client-id } ] }"))
                .contains("/erp/credentials/0").contains("missing property 'existingSecret'");
    }

    @Test
    void refusesRedisWithoutItsSecretOnlyWhileRedisIsUsed() {
        assertThat(HelmChart.refusal("redis: { existingSecret: null }")).contains("/redis")
                .contains("missing property 'existingSecret'");
        assertThat(GatewayPod.of(HelmChart.render("redis: { enabled: false, existingSecret: null, hostsKey: null }"))
                .env()).doesNotContainKey("QUARKUS_REDIS_HOSTS");
    }

    @Test
    void refusesAContainerWithoutAMemoryLimit() {
        assertThat(HelmChart.refusal("resources: { limits: { memory: null } }")).contains("/resources/limits")
                .contains("missing property 'memory'");
    }

    @Test
    void refusesAGracePeriodShorterThanTheShutdown() {
        assertThat(HelmChart.refusal("terminationGracePeriodSeconds: 10")).contains("/terminationGracePeriodSeconds");
    }

    @Test
    void refusesAnIssuerThatIsNotAUrl() {
        assertThat(HelmChart.refusal("oidc: { authServerUrl: keycloak/realms/sluice }")).contains("/oidc/authServerUrl");
    }

    /** values.yaml is the chart's manual: every key of its mappings has a comment saying what it is. */
    @Test
    void documentsEveryKey() throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setProcessComments(true);
        Node root;
        try (Reader reader = Files.newBufferedReader(VALUES)) {
            root = new Yaml(options).compose(reader);
        }

        List<String> undocumented = new ArrayList<>();
        collectUndocumented(root, "", undocumented);

        assertThat(undocumented).as("keys of values.yaml without a comment").isEmpty();
    }

    /** Every Secret key the default values read, and the variable it becomes, is a row of the README's required Secrets. */
    @Test
    void refersToTheSecretsTheReadmeAsksFor() throws IOException {
        List<String> rows = Files.readAllLines(README).stream().filter(line -> line.startsWith("| `")).toList();
        Map<String, EnvVar> env = GatewayPod.of(HelmChart.render()).env();

        List<String> references = new ArrayList<>();
        env.forEach((variable, value) -> Optional.ofNullable(value.getValueFrom()).map(EnvVarSource::getSecretKeyRef)
                .ifPresent(secret -> references.add(secret.getName() + " " + secret.getKey() + " " + variable)));

        assertThat(references).hasSize(6).allSatisfy(reference -> {
            String[] parts = reference.split(" ");
            assertThat(rows).as("a row of README.md for %s", reference).anyMatch(row -> (row.contains("`" + parts[0] + "`")
                    || row.startsWith("| `" + parts[0] + "`")) && row.contains("`" + parts[1] + "`")
                    && row.contains("`" + parts[2] + "`"));
        });
    }

    private static void collectUndocumented(Node node, String path, List<String> undocumented) {
        if (!(node instanceof MappingNode mapping)) {
            return;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            String key = path + "." + ((ScalarNode) tuple.getKeyNode()).getValue();
            boolean documented = endsWithComment(tuple.getKeyNode().getBlockComments())
                    || !isEmpty(tuple.getValueNode().getInLineComments())
                    || !isEmpty(tuple.getKeyNode().getInLineComments());
            if (!documented) {
                undocumented.add(key.substring(1));
            }
            collectUndocumented(tuple.getValueNode(), key, undocumented);
        }
    }

    /** A comment right above the key: a blank line between them makes it the previous block's. */
    private static boolean endsWithComment(List<CommentLine> comments) {
        return !isEmpty(comments) && comments.get(comments.size() - 1).getCommentType() != CommentType.BLANK_LINE;
    }

    private static boolean isEmpty(List<?> comments) {
        return comments == null || comments.isEmpty();
    }
}
