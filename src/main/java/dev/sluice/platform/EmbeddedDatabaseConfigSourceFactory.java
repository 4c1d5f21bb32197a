package dev.sluice.platform;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies {@code sluice.embedded-database.jdbc-url}, which the default profile uses as the
 * datasource URL. The database starts only when that value is asked for, so configuring
 * {@code quarkus.datasource.jdbc.url} (e.g. {@code QUARKUS_DATASOURCE_JDBC_URL}) means it never starts.
 */
public class EmbeddedDatabaseConfigSourceFactory implements ConfigSourceFactory {

    static final String URL_PROPERTY = "sluice.embedded-database.jdbc-url";
    static final String DIRECTORY_PROPERTY = "sluice.embedded-database.data-directory";
    static final String PORT_PROPERTY = "sluice.embedded-database.port";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Path directory = Path.of(valueOr(context.getValue(DIRECTORY_PROPERTY), "data/postgres"));
        int port = Integer.parseInt(valueOr(context.getValue(PORT_PROPERTY), "0"));
        return List.of(new LazySource(directory, port));
    }

    private static String valueOr(ConfigValue value, String fallback) {
        return value == null || value.getValue() == null ? fallback : value.getValue();
    }

    private static final class LazySource implements ConfigSource {
        private final Path directory;
        private final int port;

        LazySource(Path directory, int port) {
            this.directory = directory;
            this.port = port;
        }

        // Listing properties must not start a database: the value is only ever looked up by name.
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
            return URL_PROPERTY.equals(propertyName) ? EmbeddedDatabase.jdbcUrl(directory, port) : null;
        }

        @Override
        public String getName() {
            return "sluice-embedded-database";
        }

        @Override
        public int getOrdinal() {
            return 50;
        }
    }
}
