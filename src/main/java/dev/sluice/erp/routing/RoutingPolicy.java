package dev.sluice.erp.routing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.erp.BackendSettings;
import dev.sluice.policy.PolicyFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code policies/routing.yaml} as read: the backends with their settings, the backend each legal
 * entity's contracts go to, and the backend for every other legal entity.
 *
 * @param backends by name, in the order the file lists them
 * @param legalEntities legal entity code → backend name
 */
public record RoutingPolicy(String defaultBackend, Map<String, String> legalEntities,
        Map<String, BackendSettings> backends) {

    private static final PolicyFile SCHEMA = new PolicyFile("routing.schema.json");

    public RoutingPolicy {
        legalEntities = Map.copyOf(legalEntities);
        backends = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(backends));
    }

    /** The backend a legal entity's contracts, and everything under them, are delivered to. */
    public String backendFor(String legalEntity) {
        return legalEntity == null ? defaultBackend : legalEntities.getOrDefault(legalEntity, defaultBackend);
    }

    /** Whether the default, or any legal entity, goes to a backend of this adapter type. */
    public boolean routesTo(String type) {
        return Stream.concat(Stream.of(defaultBackend), legalEntities.values().stream())
                .map(backends::get).anyMatch(b -> b != null && type.equals(b.type()));
    }

    /**
     * Reads the file's text and checks it against {@code policies/schemas/routing.schema.json},
     * then that every backend it names is one it defines; every problem found is reported at once,
     * each named by its path in the file.
     *
     * @param environment looks up the environment variables credential references name
     * @throws PolicyFile.InvalidPolicyException naming the file and every problem
     */
    public static RoutingPolicy parse(String file, String text, Function<String, String> environment) {
        JsonNode root = SCHEMA.parse(file, text);
        Map<String, BackendSettings> backends = new LinkedHashMap<>();
        root.path("backends").fields().forEachRemaining(e -> backends.put(e.getKey(),
                new BackendSettings(e.getKey(), e.getValue().path("type").asText(), settings(e.getValue()),
                        environment)));
        List<String> errors = new ArrayList<>();
        String defaultBackend = root.path("default-backend").asText();
        if (!backends.containsKey(defaultBackend)) {
            errors.add("/default-backend: " + defaultBackend + " is not one of the backends " + backends.keySet());
        }
        Map<String, String> legalEntities = new LinkedHashMap<>();
        root.path("legal-entities").fields().forEachRemaining(e -> {
            if (!backends.containsKey(e.getValue().asText())) {
                errors.add("/legal-entities/" + e.getKey() + ": " + e.getValue().asText()
                        + " is not one of the backends " + backends.keySet());
            } else {
                legalEntities.put(e.getKey(), e.getValue().asText());
            }
        });
        if (!errors.isEmpty()) {
            throw new PolicyFile.InvalidPolicyException(file, errors);
        }
        return new RoutingPolicy(defaultBackend, legalEntities, backends);
    }

    /** A backend's settings as text, the guard's as {@code guard.<key>}. */
    private static Map<String, String> settings(JsonNode backend) {
        Map<String, String> settings = new LinkedHashMap<>();
        backend.fields().forEachRemaining(e -> {
            if (e.getKey().equals("guard")) {
                e.getValue().fields().forEachRemaining(g -> settings.put("guard." + g.getKey(), g.getValue().asText()));
            } else if (!e.getKey().equals("type")) {
                settings.put(e.getKey(), e.getValue().asText());
            }
        });
        return settings;
    }
}
