package dev.sluice.deployment;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code helm/sluice} through Helm's own code (helm-java: Helm's Go library for this platform, from
 * Maven Central), so no helm binary is needed: lint, and template as {@code helm template} renders.
 */
final class HelmChart {

    static final Path PATH = Path.of("helm/sluice");
    static final String RELEASE = "gateway";
    static final String NAMESPACE = "payments";
    /** The name of the release's resources: the release's name with the chart's. */
    static final String FULLNAME = RELEASE + "-sluice";

    private HelmChart() {
    }

    /** {@code helm lint --strict helm/sluice}: warnings fail too. */
    static LintResult lint() {
        return new Helm(PATH).lint().strict().call();
    }

    /** {@code helm template} with the chart's default values. */
    static Manifests render() {
        return render("{}");
    }

    /** {@code helm template -f values.yaml}: these values over the chart's defaults. */
    static Manifests render(String values) {
        return Manifests.read(template(values));
    }

    /** What {@code helm template} refuses these values with; fails when it renders them. */
    static String refusal(String values) {
        try {
            template(values);
        } catch (IllegalStateException refused) {
            return refused.getMessage();
        }
        throw new AssertionError("helm template rendered values it should refuse:\n" + values);
    }

    private static String template(String values) {
        Path file = null;
        try {
            file = Files.createTempFile("sluice-values", ".yaml");
            Files.writeString(file, values);
            return new Helm(PATH).template().withName(RELEASE).withNamespace(NAMESPACE).withValuesFile(file).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }
}
