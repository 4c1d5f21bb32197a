package dev.sluice.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Prometheus names of the meters the gateway registers itself, read from the Micrometer builders
 * in {@code src/main/java}, named as Micrometer's Prometheus registry exposes them: dots become
 * underscores, a base unit is appended, a counter ends in {@code _total}, a timer is in seconds.
 */
final class RegisteredMetrics {

    /** A builder and its chain up to register(): {@code Gauge.builder("sluice.dead.letters", ...)...register(}. */
    private static final Pattern BUILDER = Pattern.compile(
            "\\b(Gauge|MultiGauge|Counter|Timer|DistributionSummary)\\.builder\\(\"(sluice\\.[a-z0-9.]+)\"(.*?)\\.register\\(",
            Pattern.DOTALL);
    private static final Pattern BASE_UNIT = Pattern.compile("\\.baseUnit\\(\"([a-z]+)\"\\)");

    private RegisteredMetrics() {
    }

    /** Every name a scrape of /q/metrics can show for the gateway's own meters. */
    static Set<String> prometheusNames() {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher builder = BUILDER.matcher(Files.readString(source));
                while (builder.find()) {
                    names.addAll(prometheusNames(builder.group(1), builder.group(2), builder.group(3)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static Set<String> prometheusNames(String type, String name, String chain) {
        String base = name.replace('.', '_');
        Matcher unit = BASE_UNIT.matcher(chain);
        if (unit.find() && !base.endsWith("_" + unit.group(1))) {
            base += "_" + unit.group(1);
        }
        return switch (type) {
            case "Counter" -> Set.of(base + "_total");
            case "Timer" -> Set.of(base + "_seconds_count", base + "_seconds_sum", base + "_seconds_max",
                    base + "_seconds_bucket", base + "_seconds");
            case "DistributionSummary" -> Set.of(base + "_count", base + "_sum", base + "_max", base + "_bucket", base);
            default -> Set.of(base);
        };
    }
}
