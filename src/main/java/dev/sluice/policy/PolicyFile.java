package dev.sluice.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * A policy file under {@code policies/}: YAML checked against its JSON Schema (published beside it
 * in {@code policies/schemas/} and packaged with the gateway), every violation named by its path
 * in the file, all at once.
 */
public final class PolicyFile {

    private static final YAMLMapper YAML = new YAMLMapper();
    /** Messages a schema gives for a keyword, e.g. {@code "message": {"pattern": "is a credential: ..."}}. */
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .errorMessageKeyword("message")
            .build();

    private final String schemaName;
    private final JsonSchema schema;

    /** The policy whose schema is {@code policies/schemas/<schemaName>} on the class path. */
    public PolicyFile(String schemaName) {
        this.schemaName = schemaName;
        String resource = "policies/schemas/" + schemaName;
        try (InputStream in = PolicyFile.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The policy schema " + resource + " is not on the class path");
            }
            JsonNode node = new ObjectMapper().readTree(in);
            this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node, CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's text; a file that cannot be read is an {@link InvalidPolicyException}. */
    public static String read(Path file, String configKey) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new InvalidPolicyException(file.toString(), List.of("cannot be read (" + e.getMessage()
                    + "); set " + configKey));
        }
    }

    /** The document, once it is YAML and matches the schema; else every violation, each with its path. */
    public JsonNode parse(String name, String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidPolicyException(name, List.of("not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")")));
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidPolicyException(name, List.of("/: the file is empty; see policies/schemas/" + schemaName));
        }
        List<String> errors = schema.validate(root).stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                        .thenComparing(ValidationMessage::getMessage))
                .map(PolicyFile::describe)
                .distinct()
                .toList();
        if (!errors.isEmpty()) {
            throw new InvalidPolicyException(name, errors);
        }
        return root;
    }

    private static String describe(ValidationMessage message) {
        String at = message.getInstanceLocation().toString();
        String path = at.isEmpty() ? "/" : at;
        if (message.getProperty() != null && ("required".equals(message.getType())
                || "additionalProperties".equals(message.getType()))) {
            path = (at.isEmpty() ? "" : at) + "/" + message.getProperty();
        }
        String text = message.getMessage();
        // the library's message repeats the location first; the path is named once, in front
        int colon = text.indexOf(": ");
        return path + ": " + (colon >= 0 && text.startsWith(at) ? text.substring(colon + 2) : text);
    }

    /** A policy file that cannot be used, with every reason, each naming the file and the path in it. */
    public static class InvalidPolicyException extends IllegalStateException {

        private final List<String> errors;

        public InvalidPolicyException(String file, List<String> errors) {
            super(file + ": " + String.join("; ", errors));
            this.errors = List.copyOf(errors);
        }

        public List<String> errors() {
            return errors;
        }
    }
}
