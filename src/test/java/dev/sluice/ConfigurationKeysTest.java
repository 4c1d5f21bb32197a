package dev.sluice;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code sluice.*} keys an operator can set are declared in {@code @ConfigMapping}s, with their
 * defaults, and the README's configuration section lists every one; found on the compiled product
 * classes, so a new key cannot be left out.
 */
class ConfigurationKeysTest {

    /** A key in a property expression, {@code ${key}} or {@code ${key:default}}. */
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}:]+)");
    /** Where a camel-case name turns kebab: {@code maxBodyBytes} is read as {@code max-body-bytes}. */
    private static final Pattern HUMP = Pattern.compile("([a-z0-9])([A-Z])");

    private static JavaClasses product;

    @BeforeAll
    static void importTheProductClasses() {
        product = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("dev.sluice");
    }

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
        return product.stream()
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
        Set<String> keys = new TreeSet<>();
        product.stream().filter(javaClass -> javaClass.isAnnotatedWith(ConfigMapping.class)).map(JavaClass::reflect)
                .forEach(mapping -> addKeys(mapping.getAnnotation(ConfigMapping.class).prefix(), mapping, keys));
        keys.removeIf(key -> !key.startsWith("sluice."));
        return keys;
    }

    private static void addKeys(String prefix, Class<?> mapping, Set<String> keys) {
        for (Method method : mapping.getMethods()) {
            if (!Modifier.isAbstract(method.getModifiers())) {
                continue;
            }
            String key = method.isAnnotationPresent(WithParentName.class) ? prefix : prefix + "." + name(method);
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getPackageName().startsWith("dev.sluice")) {
                addKeys(key, type, keys);
            } else {
                keys.add(key);
            }
        }
    }

    /**
     * The name SmallRye Config reads a mapping method from: its {@code @WithName}, or the method's
     * name in kebab case; one with {@code @WithParentName} is read from its mapping's prefix itself.
     */
    private static String name(Method method) {
        WithName name = method.getAnnotation(WithName.class);
        if (name != null) {
            return name.value();
        }
        return HUMP.matcher(method.getName()).replaceAll("$1-$2").toLowerCase(Locale.ROOT);
    }
}
