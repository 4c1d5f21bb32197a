package dev.sluice.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sluice.support.ApiTest;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every master-data operation, each of the seven types listed and read one by one, against the
 * sandbox's built-in seed ({@code sandbox/master-data.yaml}).
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
class MasterDataTest extends ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 2;

    /** The API's name of each type and the member that is its key. */
    static Stream<Arguments> types() {
        return Stream.of(
                Arguments.of("customers", "customerNumber"),
                Arguments.of("employees", "employeeNumber"),
                Arguments.of("items", "itemNumber"),
                Arguments.of("legal-entities", "code"),
                Arguments.of("currencies", "code"),
                Arguments.of("tax-codes", "code"),
                Arguments.of("gl-accounts", "number"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void followingNextVisitsEverySeededRecordOnceInKeyOrder(String type, String key) {
        List<String> visited = new ArrayList<>();
        String next = "/api/v1/master-data/" + type + "?limit=" + PAGE;
        while (next != null) {
            Response page = given().get(next).then().statusCode(200).extract().response();
            visited.addAll(page.<List<String>>path("items." + key));
            next = page.path("next");
        }

        assertThat(visited).containsExactlyElementsOf(seededKeys(type, key).stream().sorted().toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void aPageHoldsAtMostTheLimit(String type, String key) {
        List<Integer> sizes = new ArrayList<>();
        String next = "/api/v1/master-data/" + type + "?limit=" + PAGE;
        while (next != null) {
            Response page = given().get(next).then().statusCode(200).extract().response();
            sizes.add(page.<List<Object>>path("items").size());
            next = page.path("next");
        }

        assertThat(sizes).allSatisfy(size -> assertThat(size).isBetween(1, PAGE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void withoutALimitOnePageHoldsTheWholeSeed(String type, String key) {
        Response page = given().get("/api/v1/master-data/" + type).then().statusCode(200).extract().response();

        assertThat(page.<List<String>>path("items." + key)).hasSameSizeAs(seededKeys(type, key));
        assertThat(page.<String>path("next")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void everySeededRecordReadsByItsCodeAsSeeded(String type, String key) throws IOException {
        for (JsonNode seeded : seed().get(type)) {
            String code = seeded.get(key).asText();
            Response record = given().get("/api/v1/master-data/" + type + "/" + code);

            assertThat(record.statusCode()).as(type + "/" + code).isEqualTo(200);
            assertThat(withoutNulls(JSON.readTree(record.asString()))).as(type + "/" + code)
                    .isEqualTo(seeded);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void anUnknownCodeIsNotFound(String type, String key) {
        Response answer = given().get("/api/v1/master-data/" + type + "/" + unique("NOPE"));

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.<String>path("type")).isEqualTo("https://sluice.dev/problems/not-found");
    }

    // --- the seed ---------------------------------------------------------------------------

    @org.junit.jupiter.api.Test
    void anOperatorsRefreshReadsEveryTypeOfEveryErpAgainAndSaysHowMany() {
        Response refreshed = given().post("/admin/v1/master-data/refresh").then().statusCode(200).extract().response();

        List<Map<String, Object>> types = refreshed.path("types");
        assertThat(types).hasSize(7).allSatisfy(t -> assertThat(t)
                .containsEntry("backend", "sandbox").containsEntry("outcome", "REFRESHED"));
        types().forEach(arguments -> {
            String type = (String) arguments.get()[0];
            assertThat(types).filteredOn(t -> t.get("type").equals(type)).singleElement()
                    .extracting(t -> t.get("records"))
                    .as("records read of %s", type)
                    .isEqualTo(seededKeys(type, (String) arguments.get()[1]).size());
        });
    }

    @org.junit.jupiter.api.Test
    void aRefreshOfABackendThatIsNotRoutedIsNotFound() {
        given().queryParam("backend", "netsuite-us").post("/admin/v1/master-data/refresh")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @org.junit.jupiter.api.Test
    void theLegalEntityAskedForStaysInTheNextLink() {
        Response page = given().get("/api/v1/master-data/customers?limit=1&legalEntity=US01")
                .then().statusCode(200).extract().response();

        assertThat(page.<String>path("next")).contains("legalEntity=US01");
        given().get(page.<String>path("next")).then().statusCode(200);
    }

    private static JsonNode seed() {
        try (InputStream in = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream("sandbox/master-data.yaml")) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> seededKeys(String type, String key) {
        List<String> keys = new ArrayList<>();
        seed().get(type).forEach(record -> keys.add(record.get(key).asText()));
        return keys;
    }

    private static JsonNode withoutNulls(JsonNode node) {
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> fields = copy.fields(); fields.hasNext(); ) {
            if (fields.next().getValue().isNull()) {
                fields.remove();
            }
        }
        return copy;
    }
}
