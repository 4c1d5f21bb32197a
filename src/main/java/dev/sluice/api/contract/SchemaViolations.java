package dev.sluice.api.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import dev.sluice.domain.Violation;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Turns JSON Schema validation messages into violations a caller can act on. */
public final class SchemaViolations {

    private static final Map<String, String> CODES = Map.ofEntries(
            Map.entry("required", "REQUIRED"),
            Map.entry("additionalProperties", "UNKNOWN_FIELD"),
            Map.entry("type", "WRONG_TYPE"),
            Map.entry("pattern", "PATTERN"),
            Map.entry("maxLength", "TOO_LONG"),
            Map.entry("minLength", "TOO_SHORT"),
            Map.entry("enum", "NOT_ALLOWED"),
            Map.entry("maxItems", "TOO_MANY_ITEMS"),
            Map.entry("minItems", "TOO_FEW_ITEMS"),
            Map.entry("minimum", "OUT_OF_RANGE"),
            Map.entry("maximum", "OUT_OF_RANGE"),
            Map.entry("format", "FORMAT"));

    private SchemaViolations() {
    }

    /** Violations of a request body; pointers are JSON Pointers into it. */
    public static List<Violation> inBody(Collection<ValidationMessage> messages, JsonNode document) {
        return messages.stream()
                .map(m -> new Violation(bodyPointer(m), code(m), detail(m, document)))
                .distinct()
                .sorted(Comparator.comparing(Violation::pointer).thenComparing(Violation::code))
                .toList();
    }

    /** Violations of one header, path or query value; {@code where} is e.g. {@code header:Idempotency-Key}. */
    public static List<Violation> inParameter(String where, Collection<ValidationMessage> messages,
            JsonNode document) {
        return messages.stream().map(m -> new Violation(where, code(m), detail(m, document))).distinct().toList();
    }

    private static String bodyPointer(ValidationMessage message) {
        String location = message.getInstanceLocation().toString();
        String base = location.equals("$") ? "" : location;
        String type = message.getType();
        if (("required".equals(type) || "additionalProperties".equals(type)) && message.getProperty() != null) {
            return base + "/" + message.getProperty().replace("~", "~0").replace("/", "~1");
        }
        return base;
    }

    private static String code(ValidationMessage message) {
        return CODES.getOrDefault(message.getType(), "INVALID");
    }

    private static String detail(ValidationMessage message, JsonNode document) {
        return switch (message.getType()) {
            case "required" -> "is required";
            case "additionalProperties" -> "is not a member the contract defines here";
            case "pattern" -> patternDetail(message, document);
            default -> withoutLocation(message);
        };
    }

    /**
     * A pattern alone says little to a person; the schema's own description and example say
     * what is expected (e.g. "a decimal string with at most two decimals, e.g. 7.50").
     */
    private static String patternDetail(ValidationMessage message, JsonNode document) {
        String location = message.getSchemaLocation().getFragment().toString();
        JsonNode schema = document.at(location.substring(0, Math.max(0, location.lastIndexOf('/'))));
        StringBuilder detail = new StringBuilder("must match ").append(schema.path("pattern").asText());
        if (schema.hasNonNull("description")) {
            detail.append(": ").append(schema.get("description").asText().strip());
        }
        if (schema.hasNonNull("example")) {
            detail.append(" (for example \"").append(schema.get("example").asText()).append("\")");
        }
        return detail.toString();
    }

    /** The validator's sentence without the location it starts with (the pointer carries that). */
    private static String withoutLocation(ValidationMessage message) {
        String text = message.getMessage();
        int colon = text.indexOf(": ");
        return colon >= 0 ? text.substring(colon + 2) : text;
    }
}
