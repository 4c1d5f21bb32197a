package dev.sluice.startup;

import dev.sluice.platform.EmbeddedDatabase;
import io.quarkus.runtime.ExecutionMode;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Decides, before anything else is configured, how the process runs ({@code sluice.mode}).
 *
 * <p>In development it supplies the development settings ({@code development.properties}) and,
 * when no datasource URL is configured, an embedded PostgreSQL, started only when that URL is
 * asked for. In production it supplies nothing, and refuses to start, with every problem listed
 * in one message, when {@link ProductionSafety} finds any: before the database is touched, a
 * migration runs or a port opens.
 */
public class ModeConfigSourceFactory implements ConfigSourceFactory {

    static final String DATA_DIRECTORY = "sluice.embedded-database.data-directory";
    static final String PORT = "sluice.embedded-database.port";
    /** Below application.properties (250) and the environment (300): anything set there wins. */
    private static final int ORDINAL = 50;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        RunMode mode = RunMode.of(value(context, RunMode.KEY).orElse(null));
        if (mode == RunMode.DEVELOPMENT) {
            Path directory = Path.of(value(context, DATA_DIRECTORY).orElse("data/postgres"));
            int port = Integer.parseInt(value(context, PORT).orElse("0"));
            return List.of(new DevelopmentSettings(), new EmbeddedDatabaseUrl(directory, port));
        }
        // the build reads the configuration too; only the process that is starting is checked
        if (ExecutionMode.current() == ExecutionMode.RUNTIME_INIT) {
            List<String> problems = new ProductionSafety(key -> value(context, key), System::getenv).problems();
            if (!problems.isEmpty()) {
                throw new ConfigurationException(refusal(problems));
            }
        }
        return List.of();
    }

    static String refusal(List<String> problems) {
        return "Sluice does not start in production (" + RunMode.KEY + "=production, the default) with these settings:\n"
                + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n"))
                + "\nFor the development setup instead (embedded PostgreSQL, development realm and secrets, sandbox ERP),"
                + " set " + ProductionSafety.named(RunMode.KEY) + " to development, as scripts/run does.";
    }

    private static Optional<String> value(ConfigSourceContext context, String key) {
        ConfigValue value = context.getValue(key);
        return value == null ? Optional.empty() : Optional.ofNullable(value.getValue());
    }

    /** {@code development.properties}: the local Keycloak, the development secrets. */
    private static final class DevelopmentSettings implements ConfigSource {
        private final Map<String, String> properties;

        DevelopmentSettings() {
            Properties file = new Properties();
            try (InputStream in = ModeConfigSourceFactory.class.getResourceAsStream("/development.properties")) {
                file.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            properties = file.stringPropertyNames().stream().collect(Collectors.toUnmodifiableMap(k -> k, file::getProperty));
        }

        @Override
        public Set<String> getPropertyNames() {
            return properties.keySet();
        }

        @Override
        public Map<String, String> getProperties() {
            return properties;
        }

        @Override
        public String getValue(String propertyName) {
            return properties.get(propertyName);
        }

        @Override
        public String getName() {
            return "sluice-development-settings";
        }

        @Override
        public int getOrdinal() {
            return ORDINAL;
        }
    }

    /**
     * The embedded PostgreSQL's URL as the datasource URL. Listing properties must not start a
     * database: the value is only ever looked up by name, and only when no other source has one.
     */
    private static final class EmbeddedDatabaseUrl implements ConfigSource {
        private final Path directory;
        private final int port;

        EmbeddedDatabaseUrl(Path directory, int port) {
            this.directory = directory;
            this.port = port;
        }

        @Override
        public Set<String> getPropertyNames() {
            return Set.of();
        }

        @Override
        public Map<String, String> getProperties() {
            return Map.of();
        }

        @Override
        public String getValue(String propertyName) {
            return ProductionSafety.DATABASE_URL.equals(propertyName) ? EmbeddedDatabase.jdbcUrl(directory, port) : null;
        }

        @Override
        public String getName() {
            return "sluice-embedded-database";
        }

        @Override
        public int getOrdinal() {
            return ORDINAL - 1;
        }
    }
}
