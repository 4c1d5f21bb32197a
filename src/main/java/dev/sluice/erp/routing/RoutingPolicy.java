package dev.sluice.erp.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sluice.erp.BackendSettings;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code policies/routing.yaml} as read: the backends with their settings, the backend each legal
 * entity's contracts go to, and the backend for every other legal entity.
 *
 * @param backends by name, in the order the file lists them
 * @param legalEntities legal entity code → backend name
 */
public record RoutingPolicy(String defaultBackend, Map<String, String> legalEntities,
        Map<String, BackendSettings> backends) {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> TOP = Set.of("default-backend", "legal-entities", "backends");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final List<String> GUARD = List.of("read-timeout", "post-timeout", "request-volume", "failure-ratio",
            "open-for", "success-threshold");

    public RoutingPolicy {
        legalEntities = Map.copyOf(legalEntities);
        backends = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(backends));
    }

    /** The backend a legal entity's contracts, and everything under them, are delivered to. */
    public String backendFor(String legalEntity) {
        return legalEntity == null ? defaultBackend : legalEntities.getOrDefault(legalEntity, defaultBackend);
    }

    /**
     * Reads and checks the file's text; every problem found is reported at once, each named by
     * its path in the file.
     *
     * @throws InvalidRoutingException naming the file and every problem
     */
    public static RoutingPolicy parse(String file, String text, Function<String, String> environment) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidRoutingException(file + ": not valid YAML: " + e.getOriginalMessage());
        }
        List<String> errors = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new InvalidRoutingException(file + ": expected a mapping with " + String.join(", ", TOP));
        }
        root.fieldNames().forEachRemaining(f -> {
            if (!TOP.contains(f)) {
                errors.add(f + ": unknown key; expected one of " + String.join(", ", TOP));
            }
        });
        Map<String, BackendSettings> backends = new LinkedHashMap<>();
        JsonNode backendsNode = root.path("backends");
        if (!backendsNode.isObject() || backendsNode.isEmpty()) {
            errors.add("backends: at least one backend is required");
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = backendsNode.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                backend(entry.getKey(), entry.getValue(), environment, errors).ifPresent(b -> backends.put(b.name(), b));
            }
        }
        String defaultBackend = root.path("default-backend").asText(null);
        if (defaultBackend == null || defaultBackend.isBlank()) {
            errors.add("default-backend: required: the backend for legal entities not listed under legal-entities");
        } else if (!backends.isEmpty() && !backends.containsKey(defaultBackend)) {
            errors.add("default-backend: " + defaultBackend + " is not one of the backends (" + backends.keySet() + ")");
        }
        Map<String, String> legalEntities = new LinkedHashMap<>();
        JsonNode entities = root.path("legal-entities");
        if (!entities.isMissingNode() && !entities.isNull() && !entities.isObject()) {
            errors.add("legal-entities: expected a mapping of legal entity code to backend name");
        } else if (entities.isObject()) {
            entities.fields().forEachRemaining(e -> {
                String backend = e.getValue().isTextual() ? e.getValue().asText() : null;
                if (backend == null || !backends.containsKey(backend)) {
                    errors.add("legal-entities." + e.getKey() + ": " + (backend == null ? "expected a backend name"
                            : backend + " is not one of the backends (" + backends.keySet() + ")"));
                } else {
                    legalEntities.put(e.getKey(), backend);
                }
            });
        }
        if (!errors.isEmpty()) {
            throw new InvalidRoutingException(file + ": " + String.join("; ", errors));
        }
        return new RoutingPolicy(defaultBackend, legalEntities, backends);
    }

    private static java.util.Optional<BackendSettings> backend(String name, JsonNode node,
            Function<String, String> environment, List<String> errors) {
        String at = "backends." + name;
        if (!NAME.matcher(name).matches()) {
            errors.add(at + ": a backend name is lower-case letters, digits and '-', starting with a letter");
            return java.util.Optional.empty();
        }
        if (!node.isObject()) {
            errors.add(at + ": expected a mapping with type and the adapter's settings");
            return java.util.Optional.empty();
        }
        Map<String, String> properties = new LinkedHashMap<>();
        boolean valid = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("guard")) {
                valid &= guard(at, field.getValue(), properties, errors);
            } else if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                errors.add(at + "." + field.getKey() + ": expected a single value");
                valid = false;
            } else {
                properties.put(field.getKey(), field.getValue().asText());
            }
        }
        String type = properties.remove("type");
        if (type == null || type.isBlank()) {
            errors.add(at + ".type: required: the adapter, e.g. sandbox, netsuite, business-central");
            valid = false;
        }
        return valid ? java.util.Optional.of(new BackendSettings(name, type, properties, environment))
                : java.util.Optional.empty();
    }

    /** The guard's settings of a backend, kept as {@code guard.<key>}; false when they cannot be used. */
    private static boolean guard(String at, JsonNode guard, Map<String, String> properties, List<String> errors) {
        if (!guard.isObject()) {
            errors.add(at + ".guard: expected a mapping of " + String.join(", ", GUARD));
            return false;
        }
        boolean valid = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = guard.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!GUARD.contains(field.getKey())) {
                errors.add(at + ".guard." + field.getKey() + ": unknown key; expected one of " + String.join(", ", GUARD));
                valid = false;
            } else if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                errors.add(at + ".guard." + field.getKey() + ": expected a single value");
                valid = false;
            } else {
                properties.put("guard." + field.getKey(), field.getValue().asText());
            }
        }
        return valid;
    }

    /** The routing file cannot be used; the message names the file and each problem. */
    public static class InvalidRoutingException extends IllegalStateException {
        public InvalidRoutingException(String message) {
            super(message);
        }
    }
}
