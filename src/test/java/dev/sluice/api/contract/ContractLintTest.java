package dev.sluice.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.contract.ApiContracts;
import dev.sluice.contract.OpenApiContract;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rules every contract in {@code api-specs/} keeps (see {@code api-specs/README.md}), so a
 * change to the spec that would let unbounded or untyped input through fails the build.
 */
class ContractLintTest {

    private final OpenApiContract contract = OpenApiContract.v1();

    @Test
    void everyStringIsBoundedInLength() {
        List<String> unbounded = new ArrayList<>();
        everyDocument((document, name) -> walk(document, name, (pointer, schema) -> {
            if (isType(schema, "string") && !schema.has("maxLength") && !schema.has("enum")) {
                unbounded.add(pointer);
            }
        }));
        assertThat(unbounded).as("string schemas without maxLength").isEmpty();
    }

    @Test
    void everyArrayIsBoundedInSize() {
        List<String> unbounded = new ArrayList<>();
        everyDocument((document, name) -> walk(document, name, (pointer, schema) -> {
            if (isType(schema, "array") && !schema.has("maxItems")) {
                unbounded.add(pointer);
            }
        }));
        assertThat(unbounded).as("array schemas without maxItems").isEmpty();
    }

    @Test
    void everyRequestObjectRefusesUnknownMembers() {
        List<String> open = new ArrayList<>();
        everyDocument((document, name) -> document.path("components").path("schemas").fields().forEachRemaining(e -> {
            JsonNode schema = e.getValue();
            if (isType(schema, "object") && !schema.path("additionalProperties").isBoolean()) {
                open.add(name + ": " + e.getKey());
            }
        }));
        assertThat(open).as("object schemas that do not say additionalProperties: false").isEmpty();
    }

    @Test
    void businessKeysAndDecimalsHaveTheirPatterns() {
        JsonNode schemas = contract.document().path("components").path("schemas");
        assertThat(schemas.path("BusinessKey").path("pattern").asText()).isEqualTo("^[A-Za-z0-9._-]{1,64}$");
        assertThat(schemas.path("BusinessKey").path("maxLength").asInt()).isEqualTo(64);
        for (String decimal : List.of("Money", "SignedMoney", "Hours", "Percent")) {
            assertThat(schemas.path(decimal).path("pattern").asText())
                    .as(decimal + " allows at most two decimals")
                    .endsWith("(\\.[0-9]{1,2})?$");
        }
    }

    @Test
    void everyOperationDeclaresExactlyOneScope() {
        for (OpenApiContract each : ApiContracts.all()) {
            for (Map.Entry<String, OpenApiContract.OperationSpec> operation : each.operations().entrySet()) {
                assertThat(operation.getValue().scopes()).as(operation.getKey() + " declares its scope").hasSize(1);
                assertThat(ApiContracts.scopes()).as(operation.getKey() + "'s scope is a declared scope")
                        .containsAll(operation.getValue().scopes());
            }
        }
    }

    @Test
    void operationIdsAreUniqueAcrossContracts() {
        List<String> ids = ApiContracts.all().stream().flatMap(c -> c.operations().keySet().stream()).toList();
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void theRealmHasAClientScopeForEveryScopeOfTheContracts() throws java.io.IOException {
        JsonNode realm = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(java.nio.file.Path.of("policies/keycloak/sluice-realm.json").toFile());
        List<String> realmScopes = new ArrayList<>();
        realm.path("clientScopes").forEach(s -> realmScopes.add(s.path("name").asText()));
        assertThat(realmScopes).containsAll(ApiContracts.scopes());
    }

    @Test
    void everyWriteNeedsAnIdempotencyKeyAndDeclaresItsErrors() {
        contract.operations().values().stream().filter(o -> o.method().equals("POST")).forEach(o -> {
            assertThat(o.parameters()).as(o.operationId() + " Idempotency-Key")
                    .anyMatch(p -> p.name().equals("Idempotency-Key") && p.required() && p.in().equals("header"));
            assertThat(o.responses().keySet()).as(o.operationId() + " responses")
                    .contains(201, 202, 400, 409, 413, 415, 422);
        });
    }

    private static void everyDocument(java.util.function.BiConsumer<JsonNode, String> check) {
        ApiContracts.all().forEach(c -> check.accept(c.document(), c.resource() + "#"));
    }

    /** Visits every schema object in the document with its JSON Pointer. */
    private static void walk(JsonNode node, String pointer, SchemaVisitor visitor) {
        if (node.isObject()) {
            if (node.has("type")) {
                visitor.visit(pointer, node);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                if (!member.getKey().equals("example") && !member.getKey().equals("examples")) {
                    walk(member.getValue(), pointer + "/" + member.getKey(), visitor);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, visitor);
            }
        }
    }

    private static boolean isType(JsonNode schema, String type) {
        JsonNode declared = schema.path("type");
        if (declared.isArray()) {
            for (JsonNode t : declared) {
                if (t.asText().equals(type)) {
                    return true;
                }
            }
            return false;
        }
        return declared.asText().equals(type);
    }

    @FunctionalInterface
    private interface SchemaVisitor {
        void visit(String pointer, JsonNode schema);
    }
}
