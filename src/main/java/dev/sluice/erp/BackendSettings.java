package dev.sluice.erp;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One backend's entry under {@code backends} in {@code policies/routing.yaml}: its name, its
 * adapter type and its settings as written. An adapter reads its typed configuration from here
 * at start-up; anything missing or malformed stops the start with the backend and key named.
 *
 * <p>Credentials are never written in the file: a secret setting holds a reference,
 * {@code env:NAME} (an environment variable) or {@code file:/path} (a mounted secret).
 *
 * @param environment looks up environment variables (tests pass their own)
 */
public record BackendSettings(String name, String type, Map<String, String> properties,
        Function<String, String> environment) {

    public BackendSettings {
        properties = Map.copyOf(properties);
    }

    public BackendSettings(String name, String type, Map<String, String> properties) {
        this(name, type, properties, System::getenv);
    }

    public Optional<String> optional(String key) {
        return Optional.ofNullable(properties.get(key)).map(String::strip).filter(v -> !v.isEmpty());
    }

    public String required(String key) {
        return optional(key).orElseThrow(() -> invalid(key, "is required for a " + type + " backend"));
    }

    public URI uri(String key) {
        return parseUri(key, required(key));
    }

    public URI uri(String key, String fallback) {
        return parseUri(key, optional(key).orElse(fallback));
    }

    /** A duration as ISO-8601 ({@code PT5S}) or a number with a unit: {@code 500ms}, {@code 5s}, {@code 2m}. */
    public Duration duration(String key, Duration fallback) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) {
            return fallback;
        }
        String text = value.get();
        try {
            Duration parsed;
            if (text.endsWith("ms")) {
                parsed = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            } else if (text.endsWith("s")) {
                parsed = Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
            } else if (text.endsWith("m") && !text.startsWith("P")) {
                parsed = Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
            } else {
                parsed = Duration.parse(text);
            }
            if (parsed.isNegative() || parsed.isZero()) {
                throw invalid(key, "must be positive, not " + text);
            }
            return parsed;
        } catch (NumberFormatException | DateTimeParseException e) {
            throw invalid(key, "is not a duration (write PT5S, 5s or 500ms): " + text);
        }
    }

    public int integer(String key, int fallback, int min, int max) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed < min || parsed > max) {
                throw invalid(key, "must be between " + min + " and " + max + ", not " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw invalid(key, "is not a whole number: " + value.get());
        }
    }

    /** A share between 0 (exclusive) and 1 (inclusive), or {@code fallback} when unset. */
    public double ratio(String key, double fallback) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            double parsed = Double.parseDouble(value.get());
            if (!(parsed > 0 && parsed <= 1)) {
                throw invalid(key, "must be above 0 and at most 1, not " + value.get());
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw invalid(key, "is not a number: " + value.get());
        }
    }

    /** The settings of the adapter itself: every one but those of the gateway's guard around it. */
    public Map<String, String> adapterProperties() {
        Map<String, String> own = new java.util.LinkedHashMap<>(properties);
        own.keySet().removeIf(k -> k.startsWith("guard."));
        return own;
    }

    /** One of {@code allowed}, or {@code fallback} when unset. */
    public String choice(String key, String fallback, String... allowed) {
        String value = optional(key).orElse(fallback);
        for (String candidate : allowed) {
            if (candidate.equals(value)) {
                return value;
            }
        }
        throw invalid(key, "must be one of " + String.join(", ", allowed) + ", not " + value);
    }

    /** A credential, resolved from the reference the file holds: {@code env:NAME} or {@code file:/path}. */
    public String secret(String key) {
        String reference = required(key);
        if (reference.startsWith("env:")) {
            String variable = reference.substring(4);
            String value = environment.apply(variable);
            if (value == null || value.isBlank()) {
                throw invalid(key, "refers to the environment variable " + variable + ", which is not set");
            }
            return value.strip();
        }
        if (reference.startsWith("file:")) {
            Path path = Path.of(reference.substring(5));
            try {
                String value = Files.readString(path).strip();
                if (value.isEmpty()) {
                    throw invalid(key, "refers to " + path + ", which is empty");
                }
                return value;
            } catch (IOException e) {
                throw invalid(key, "refers to " + path + ", which cannot be read: " + e.getMessage());
            }
        }
        throw invalid(key, "is a credential: write a reference, env:NAME or file:/path, never the value itself");
    }

    /** What is wrong with one setting, named by its path in the routing file, e.g. {@code /backends/us/base-url}. */
    public InvalidBackendSettingsException invalid(String key, String why) {
        return new InvalidBackendSettingsException("/backends/" + name + "/" + key.replace('.', '/') + ": " + why);
    }

    private URI parseUri(String key, String text) {
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw invalid(key, "must be an absolute http(s) URL, not " + text);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw invalid(key, "is not a URL: " + text);
        }
    }

    /** A backend's settings cannot be used; the message names the backend and the key. */
    public static class InvalidBackendSettingsException extends IllegalStateException {
        public InvalidBackendSettingsException(String message) {
            super(message);
        }
    }
}
