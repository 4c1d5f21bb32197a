package dev.sluice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.support.ConfigurationKeys;
import io.quarkus.scheduler.Scheduled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The {@code sluice.*} keys an operator can set are declared in {@code @ConfigMapping}s, with their
 * defaults, and the README's configuration section lists every one; found on the compiled product
 * classes, so a new key cannot be left out.
 */
class ConfigurationKeysTest {

    /** A key in a property expression, {@code ${key}} or {@code ${key:default}}. */
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}:]+)");

    @Test
    void theReadmeListsEveryKeyAMappingDeclares() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("\n## Configuration\n");
        assertThat(start).as("README.md has a \"## Configuration\" section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);

        List<String> missing = declaredKeys().stream().filter(key -> !section.contains("`" + key + "`")).toList();

        assertThat(missing).as("keys a @ConfigMapping declares but README.md's Configuration section does not list")
                .isEmpty();
    }

    /** A schedule names its key without a default of its own, so the mapping's default is the only one. */
    @Test
    void everyKeyASchedulerReadsIsDeclaredByAMapping() {
        Set<String> declared = declaredKeys();

        List<ScheduleKey> undeclared = scheduleKeys().stream().filter(read -> !declared.contains(read.key())).toList();

        assertThat(undeclared).as("keys in @Scheduled that no @ConfigMapping declares").isEmpty();
    }

    /** The keys are found on the mappings and the schedules, so the checks above passing means something. */
    @Test
    void findsTheKeysOfTheMappingsAndTheSchedules() {
        assertThat(declaredKeys()).contains("sluice.clients.refresh", "sluice.master-data.document-refresh-batch",
                "sluice.sandbox.master-data-file", "sluice.limits.max-body-bytes");
        assertThat(scheduleKeys()).extracting(ScheduleKey::key).contains("sluice.clients.refresh",
                "sluice.master-data.sync-interval", "sluice.sandbox.faults-refresh");
    }

    /** A configuration key a {@code @Scheduled} method reads. */
    record ScheduleKey(String method, String key) {
    }

    private static List<ScheduleKey> scheduleKeys() {
        return ConfigurationKeys.product().stream()
                .flatMap(javaClass -> javaClass.getMethods().stream())
                .filter(method -> method.isAnnotatedWith(Scheduled.class))
                .flatMap(method -> {
                    Scheduled scheduled = method.getAnnotationOfType(Scheduled.class);
                    return Stream.of(scheduled.every(), scheduled.delayed(), scheduled.cron())
                            .flatMap(value -> EXPRESSION.matcher(value).results())
                            .map(expression -> new ScheduleKey(method.getFullName(), expression.group(1)));
                })
                .toList();
    }

    private static Set<String> declaredKeys() {
        return ConfigurationKeys.declared();
    }
}
