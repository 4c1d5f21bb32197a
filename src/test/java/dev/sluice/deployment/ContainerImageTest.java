package dev.sluice.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the container image promises, read from {@code src/main/docker/Dockerfile.jvm}, and that the
 * Jib settings in application.properties build the same image. Nothing here can build an image (the
 * base image needs a registry), so the promises are held on the files that make it.
 */
class ContainerImageTest {

    private final Dockerfile dockerfile = Dockerfile.read();
    private final ApplicationProperties properties = ApplicationProperties.read();

    @Test
    void runsAsANumericUserOtherThanRoot() {
        String user = dockerfile.last("USER").orElseThrow(() -> new AssertionError("the Dockerfile sets no USER"));

        assertThat(user).as("USER (numeric, so a pod's runAsNonRoot can verify it)").matches("[0-9]+");
        assertThat(Integer.parseInt(user)).as("USER").isPositive();
    }

    @Test
    void startsJavaDirectlyWithoutAShell() {
        List<String> entrypoint = entrypoint();

        assertThat(entrypoint.get(0)).as("the program the ENTRYPOINT runs").isEqualTo("java");
        assertThat(entrypoint).as("ENTRYPOINT").doesNotContain("sh", "/bin/sh", "bash", "-c")
                .endsWith("-jar", "quarkus-run.jar");
        assertThat(dockerfile.all("CMD")).as("CMD (arguments a shell form would need)").isEmpty();
    }

    @Test
    void sizesTheHeapFromTheContainersMemory() {
        List<String> entrypoint = entrypoint();

        assertThat(entrypoint).as("JVM flags").anySatisfy(flag -> assertThat(flag)
                .matches("-XX:MaxRAMPercentage=[0-9]+(\\.[0-9]+)?"));
        double percentage = entrypoint.stream().filter(flag -> flag.startsWith("-XX:MaxRAMPercentage="))
                .mapToDouble(flag -> Double.parseDouble(flag.substring(flag.indexOf('=') + 1))).findFirst().orElseThrow();
        assertThat(percentage).as("heap share of the memory limit, leaving room for the rest of the JVM")
                .isBetween(50.0, 80.0);
        assertThat(entrypoint).as("a fixed heap would ignore the container's memory")
                .noneMatch(flag -> flag.startsWith("-Xmx") || flag.startsWith("-Xms"));
        assertThat(entrypoint).contains("-XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void keepsTemporaryFilesUnderTmp() {
        assertThat(entrypoint()).as("where the JVM and Vert.x write, a volume under a read-only root")
                .contains("-Djava.io.tmpdir=" + RuntimeLayout.TMP);
    }

    @Test
    void exposesTheApiAndTheManagementPorts() {
        assertThat(dockerfile.exposedPorts()).containsExactly(properties.httpPort(), properties.managementPort());
    }

    @Test
    void readsThePoliciesFromItsWorkingDirectory() {
        String workdir = dockerfile.last("WORKDIR").orElseThrow();

        assertThat(workdir).isEqualTo(RuntimeLayout.WORKING_DIRECTORY);
        assertThat(dockerfile.all("COPY")).as("the policies copied where the gateway reads them by default")
                .contains("policies/*.yaml " + workdir + "/policies/");
        assertThat(RuntimeLayout.policyFileDefaults()).as("where the gateway reads each policy by default")
                .allSatisfy(file -> assertThat(file).startsWith("policies/"));
    }

    @Test
    void jibBuildsFromTheSameBaseAsTheDockerfile() {
        assertThat(properties.require("quarkus.jib.base-jvm-image")).isEqualTo(dockerfile.last("FROM").orElseThrow());
    }

    @Test
    void jibRunsAsTheSameUserOnTheSamePorts() {
        assertThat(properties.require("quarkus.jib.user")).isEqualTo(dockerfile.last("USER").orElseThrow());
        assertThat(properties.list("quarkus.jib.ports")).map(Integer::parseInt)
                .containsExactlyElementsOf(dockerfile.exposedPorts());
    }

    @Test
    void jibStartsTheSameJavaCommandInTheSameDirectory() {
        assertThat(properties.list("quarkus.jib.jvm-entrypoint")).as("quarkus.jib.jvm-entrypoint")
                .containsExactlyElementsOf(entrypoint());
        assertThat(properties.require("quarkus.jib.working-directory")).isEqualTo(dockerfile.last("WORKDIR").orElseThrow());
    }

    /** Jib adds src/main/jib to the image's root: there the policies are links to the repository's files. */
    @Test
    void jibCopiesTheSamePolicies() throws IOException {
        Path inImage = Path.of("src/main/jib").resolve(RuntimeLayout.WORKING_DIRECTORY.substring(1)).resolve("policies");

        for (String policy : RuntimeLayout.POLICY_FILES) {
            assertThat(Files.isSameFile(inImage.resolve(policy), Path.of("policies", policy)))
                    .as("%s is policies/%s", inImage.resolve(policy), policy).isTrue();
        }
    }

    @Test
    void theDefaultBuildMakesNoImage() {
        assertThat(properties.get("quarkus.container-image.build")).as("quarkus.container-image.build")
                .isIn(Optional.empty(), Optional.of("false"));
        assertThat(properties.get("quarkus.container-image.push")).as("quarkus.container-image.push")
                .isIn(Optional.empty(), Optional.of("false"));
    }

    private List<String> entrypoint() {
        return dockerfile.execEntrypoint()
                .orElseThrow(() -> new AssertionError("the ENTRYPOINT is not in exec form (a JSON array)"));
    }
}
