package dev.sluice.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.support.ConfigurationKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The configuration keys the packaged application reads at run time, by the environment variable
 * each is set with: its own ({@code sluice.*} mappings and keys it injects by name), those of
 * application.properties, and the run-time keys of the Quarkus extensions it is built with (from the
 * configuration model every extension ships in {@code META-INF/quarkus-config-doc}). A build-time
 * Quarkus key is left out: set in a pod's environment it would change nothing.
 */
final class ApplicationKeys {

    private static final String QUARKUS_MODEL = "META-INF/quarkus-config-doc/quarkus-config-model.json";

    private static Map<String, String> byVariable;

    private ApplicationKeys() {
    }

    /** The key an environment variable sets, if the application reads one so named. */
    static Optional<String> keyOf(String variable) {
        return Optional.ofNullable(byVariable().get(variable));
    }

    /** The environment variable of a key, by the MicroProfile Config rule: upper case, every other character an underscore. */
    static String variableOf(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** The Quarkus run-time keys, as the extensions on the class path document them. */
    static Set<String> quarkusRuntimeKeys() {
        Set<String> keys = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        try {
            for (URL model : Collections.list(ApplicationKeys.class.getClassLoader().getResources(QUARKUS_MODEL))) {
                try (InputStream in = model.openStream()) {
                    json.readTree(in).path("configRoots").forEach(root -> collect(root.path("items"), keys));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    private static void collect(JsonNode items, Set<String> keys) {
        for (JsonNode item : items) {
            if (item.has("items")) {
                collect(item.path("items"), keys);
            } else if ("RUN_TIME".equals(item.path("phase").asText())) {
                keys.add(item.path("path").path("property").asText());
            }
        }
    }

    private static synchronized Map<String, String> byVariable() {
        if (byVariable == null) {
            Set<String> keys = new TreeSet<>(quarkusRuntimeKeys());
            keys.addAll(ConfigurationKeys.declared());
            keys.addAll(ConfigurationKeys.injected());
            ApplicationProperties.read().keys().stream().filter(key -> key.startsWith("sluice.")).forEach(keys::add);
            Map<String, String> map = new TreeMap<>();
            keys.forEach(key -> map.putIfAbsent(variableOf(key), key));
            byVariable = map;
        }
        return byVariable;
    }
}
