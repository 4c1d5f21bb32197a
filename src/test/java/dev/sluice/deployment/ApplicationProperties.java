package dev.sluice.deployment;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/** {@code src/main/resources/application.properties} as the packaged application reads it (no profile). */
final class ApplicationProperties {

    static final Path PATH = Path.of("src/main/resources/application.properties");
    /** Quarkus' management interface port when {@code quarkus.management.port} is not set. */
    static final int QUARKUS_MANAGEMENT_PORT = 9000;
    /** Quarkus' HTTP port when {@code quarkus.http.port} is not set. */
    static final int QUARKUS_HTTP_PORT = 8080;

    private final Properties properties;

    private ApplicationProperties(Properties properties) {
        this.properties = properties;
    }

    static ApplicationProperties read() {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(PATH)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ApplicationProperties(properties);
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(properties.getProperty(key)).map(String::strip);
    }

    String require(String key) {
        return get(key).orElseThrow(() -> new AssertionError(PATH + " sets no " + key));
    }

    /** A list value, as Quarkus splits it: at commas. */
    List<String> list(String key) {
        return Arrays.stream(require(key).split(",")).map(String::strip).toList();
    }

    /** A Quarkus duration value: {@code 5S}, {@code 20S}, {@code PT1M}. */
    Duration duration(String key) {
        String value = require(key);
        return Duration.parse(value.startsWith("P") ? value : "PT" + value);
    }

    /** The keys set for the packaged application, profile-specific ones ({@code %test.…}) left out. */
    Set<String> keys() {
        return properties.stringPropertyNames().stream().filter(key -> !key.startsWith("%"))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    int managementPort() {
        return get("quarkus.management.port").map(Integer::parseInt).orElse(QUARKUS_MANAGEMENT_PORT);
    }

    int httpPort() {
        return get("quarkus.http.port").map(Integer::parseInt).orElse(QUARKUS_HTTP_PORT);
    }
}
