package dev.sluice.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.oas.OpenApi31;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The authored OpenAPI document, read once, indexed by operation id, with JSON Schema
 * validators for every schema it declares. Requests are validated against it and tests check
 * responses against it, so the file stays the single statement of the contract.
 */
public final class OpenApiContract {

    /** The v1 contract as the gateway serves it. */
    public static final String V1_RESOURCE = "api-specs/v1/sluice-api.yaml";
    private static final String V1_MODELS = "dev.sluice.api.v1.model";
    /** The admin contract: OAuth clients and the audit log. */
    public static final String ADMIN_V1_RESOURCE = "api-specs/admin/v1/sluice-admin-api.yaml";
    private static final String ADMIN_V1_MODELS = "dev.sluice.admin.v1.model";

    private static final Map<String, OpenApiContract> LOADED = new ConcurrentHashMap<>();
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    private final String resource;
    private final String modelPackage;
    private final byte[] source;
    private final JsonNode document;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private final Map<String, OperationSpec> operations;
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    private OpenApiContract(String resource, String modelPackage, byte[] source) {
        this.resource = resource;
        this.modelPackage = modelPackage;
        this.source = source;
        try {
            this.document = new ObjectMapper(new YAMLFactory()).readTree(source);
        } catch (IOException e) {
            throw new UncheckedIOException(resource + " is not a readable OpenAPI document", e);
        }
        String base = baseIri();
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                .metaSchema(OpenApi31.getInstance())
                .defaultMetaSchemaIri(OpenApi31.getInstance().getIri())
                .schemaLoaders(loaders -> loaders.add(iri -> base.equals(iri.toString())
                        ? () -> new ByteArrayInputStream(source)
                        : null)));
        this.config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .build();
        this.operations = Collections.unmodifiableMap(index());
    }

    /**
     * The contract in {@code resource} on the class path, read once per process, whose models
     * are generated into {@code modelPackage}.
     */
    public static OpenApiContract load(String resource, String modelPackage) {
        return LOADED.computeIfAbsent(resource, r -> new OpenApiContract(r, modelPackage, read(r)));
    }

    public static OpenApiContract v1() {
        return load(V1_RESOURCE, V1_MODELS);
    }

    public static OpenApiContract adminV1() {
        return load(ADMIN_V1_RESOURCE, ADMIN_V1_MODELS);
    }

    /** The package its request and response models are generated into. */
    public String modelPackage() {
        return modelPackage;
    }

    /** Where the document lies on the class path, e.g. {@code api-specs/v1/sluice-api.yaml}. */
    public String resource() {
        return resource;
    }

    /** The document exactly as authored. */
    public byte[] source() {
        return source.clone();
    }

    public JsonNode document() {
        return document;
    }

    public Map<String, OperationSpec> operations() {
        return operations;
    }

    public Optional<OperationSpec> operation(String operationId) {
        return Optional.ofNullable(operations.get(operationId));
    }

    /** The methods the contract declares for a concrete path, e.g. {@code [GET]} for {@code /api/v1/contracts/C-1}. */
    public List<String> methodsAt(String path) {
        return operations.values().stream()
                .filter(o -> java.util.regex.Pattern.matches(o.path().replaceAll("\\{[^/]+}", "[^/]+"), path))
                .map(OperationSpec::method)
                .distinct()
                .sorted()
                .toList();
    }

    /** A validator for the schema at {@code pointer} (a JSON Pointer into the document). */
    public JsonSchema schemaAt(String pointer) {
        return schemas.computeIfAbsent(pointer,
                p -> factory.getSchema(SchemaLocation.of(baseIri() + "#" + p), config));
    }

    /** A validator for {@code #/components/schemas/<name>}. */
    public JsonSchema schema(String name) {
        return schemaAt("/components/schemas/" + name);
    }

    public boolean hasSchema(String name) {
        return document.path("components").path("schemas").has(name);
    }

    private String baseIri() {
        return "https://sluice.dev/" + resource;
    }

    private Map<String, OperationSpec> index() {
        Map<String, OperationSpec> index = new LinkedHashMap<>();
        JsonNode paths = document.path("paths");
        for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
            String path = it.next();
            JsonNode item = paths.get(path);
            for (String method : METHODS) {
                JsonNode operation = item.get(method);
                if (operation == null) {
                    continue;
                }
                String operationPointer = "/paths/" + escape(path) + "/" + method;
                String id = operation.path("operationId").asText(null);
                if (id == null) {
                    throw new IllegalStateException(resource + ": " + method.toUpperCase() + " " + path
                            + " has no operationId");
                }
                index.put(id, new OperationSpec(id, method.toUpperCase(), path,
                        parameters(item, operation, operationPointer, path), requestBody(operation),
                        responses(operation, operationPointer), scopes(operation),
                        Optional.ofNullable(operation.path("x-sluice-batch").textValue()), this));
            }
        }
        return index;
    }

    private List<ParameterSpec> parameters(JsonNode item, JsonNode operation, String operationPointer, String path) {
        List<ParameterSpec> parameters = new ArrayList<>();
        String itemPointer = "/paths/" + escape(path);
        collect(item.path("parameters"), itemPointer + "/parameters", parameters);
        collect(operation.path("parameters"), operationPointer + "/parameters", parameters);
        return parameters;
    }

    private void collect(JsonNode list, String listPointer, List<ParameterSpec> into) {
        for (int i = 0; i < list.size(); i++) {
            String pointer = listPointer + "/" + i;
            JsonNode parameter = list.get(i);
            if (parameter.has("$ref")) {
                pointer = parameter.get("$ref").asText().substring(1);
                parameter = document.at(pointer);
            }
            into.add(new ParameterSpec(parameter.path("name").asText(), parameter.path("in").asText(),
                    parameter.path("required").asBoolean(false), pointer + "/schema",
                    resolve(parameter.path("schema")).path("type").asText("string")));
        }
    }

    private Optional<String> requestBody(JsonNode operation) {
        JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
        return schema.has("$ref") ? Optional.of(schema.get("$ref").asText().substring(1)) : Optional.empty();
    }

    private Map<Integer, ResponseSpec> responses(JsonNode operation, String operationPointer) {
        Map<Integer, ResponseSpec> responses = new LinkedHashMap<>();
        JsonNode all = operation.path("responses");
        for (Iterator<String> it = all.fieldNames(); it.hasNext(); ) {
            String status = it.next();
            String pointer = operationPointer + "/responses/" + status;
            JsonNode response = all.get(status);
            if (response.has("$ref")) {
                pointer = response.get("$ref").asText().substring(1);
                response = document.at(pointer);
            }
            Map<String, String> content = new LinkedHashMap<>();
            JsonNode media = response.path("content");
            for (Iterator<String> types = media.fieldNames(); types.hasNext(); ) {
                String type = types.next();
                content.put(type, pointer + "/content/" + escape(type) + "/schema");
            }
            List<String> requiredHeaders = new ArrayList<>();
            JsonNode headers = response.path("headers");
            for (Iterator<String> names = headers.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (resolve(headers.get(name)).path("required").asBoolean(false)) {
                    requiredHeaders.add(name);
                }
            }
            responses.put(Integer.parseInt(status), new ResponseSpec(Integer.parseInt(status), content,
                    requiredHeaders));
        }
        return responses;
    }

    private List<String> scopes(JsonNode operation) {
        JsonNode security = operation.has("security") ? operation.get("security") : document.path("security");
        List<String> scopes = new ArrayList<>();
        security.forEach(requirement -> requirement.fields()
                .forEachRemaining(scheme -> scheme.getValue().forEach(scope -> scopes.add(scope.asText()))));
        return List.copyOf(scopes);
    }

    private JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? document.at(node.get("$ref").asText().substring(1)) : node;
    }

    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    private static byte[] read(String resource) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = (loader != null ? loader : OpenApiContract.class.getClassLoader())
                .getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(resource + " cannot be read", e);
        }
    }

    /**
     * One operation of the contract. {@code batchMember}, for an operation whose request is a batch
     * ({@code x-sluice-batch}), names the body's array of entries, which a per-entry cost counts.
     */
    public record OperationSpec(String operationId, String method, String path, List<ParameterSpec> parameters,
            Optional<String> requestBodySchema, Map<Integer, ResponseSpec> responses, List<String> scopes,
            Optional<String> batchMember, OpenApiContract contract) {
    }

    /**
     * One parameter; {@code schemaPointer} locates its schema in the document, {@code type} is
     * the schema's JSON type, used to read the raw text of a header, path or query value.
     */
    public record ParameterSpec(String name, String in, boolean required, String schemaPointer, String type) {
    }

    /** One declared response: schema pointers by media type, and the headers it must carry. */
    public record ResponseSpec(int status, Map<String, String> schemaByMediaType, List<String> requiredHeaders) {
    }
}
