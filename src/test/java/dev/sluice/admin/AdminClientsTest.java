package dev.sluice.admin;

import static dev.sluice.support.Bodies.list;
import static dev.sluice.support.Bodies.map;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.support.ApiTest;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.PostgresResource;
import dev.sluice.support.TestKeycloak;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a security team does with OAuth clients, end to end against the real Keycloak: a
 * registered client gets tokens with exactly its scopes, and every change is felt by its tokens.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
class AdminClientsTest extends ApiTest {

    private static final String CLIENTS = "/admin/v1/clients";

    @Test
    void aRegisteredClientGetsTokensWithExactlyItsScopesAndCanCall() {
        String name = clientName();
        Response registered = register(name, List.of("masterdata:read", "operations:read"), "standard");

        registered.then().statusCode(201)
                .header("Location", "/admin/v1/clients/" + name)
                .body("clientId", equalTo(name))
                .body("enabled", equalTo(true))
                .body("ratePlan", equalTo("standard"));
        String secret = registered.path("clientSecret");
        JsonNode token = TestKeycloak.get().tokenResponse(name, secret);

        assertThat(Arrays.asList(token.path("scope").asText().split(" ")))
                .containsExactlyInAnyOrder("masterdata:read", "operations:read");
        String bearer = "Bearer " + token.path("access_token").asText();
        given().header("Authorization", bearer).get("/api/v1/master-data/currencies").then().statusCode(200);
        given().header("Authorization", bearer).get("/api/v1/contracts/C-1").then().statusCode(403);
    }

    @Test
    void theSecretIsShownAtRegistrationOnly() {
        String name = clientName();
        register(name, List.of("masterdata:read"), "sandbox").then().statusCode(201);

        // the contract's Client schema has no secret member and refuses unknown ones
        given().get(CLIENTS + "/" + name).then().statusCode(200).body("clientId", equalTo(name));
        given().queryParam("limit", 200).get(CLIENTS).then().statusCode(200);
    }

    @Test
    void listsTheClientsKeycloakHoldsForSluiceToo() {
        given().get(CLIENTS + "/psa-demo").then().statusCode(200)
                .body("ratePlan", equalTo("sandbox"))
                .body("scopes", hasItem("time:write"));
    }

    @Test
    void refusesUnknownScopesAndRatePlans() {
        Response refused = register(clientName(), List.of("masterdata:read", "everything:write"), "platinum");

        refused.then().statusCode(422).body("type", equalTo("https://sluice.dev/problems/validation-failed"));
        assertThat(refused.<List<String>>path("errors.code")).containsExactly("UNKNOWN_SCOPE", "UNKNOWN_RATE_PLAN");
        assertThat(refused.<List<String>>path("errors.pointer")).containsExactly("/scopes/1", "/ratePlan");
    }

    @Test
    void refusesANameThatIsTaken() {
        String name = clientName();
        register(name, List.of("masterdata:read"), "sandbox").then().statusCode(201);

        register(name, List.of("masterdata:read"), "sandbox").then().statusCode(409)
                .body("type", equalTo("https://sluice.dev/problems/client-exists"));
        register("psa-demo", List.of("masterdata:read"), "sandbox").then().statusCode(409);
    }

    @Test
    void refusesOversizeAndMalformedFields() {
        Map<String, Object> body = registration("Not A Name", List.of("masterdata:read"), "sandbox");
        body.put("ownerTeam", "x".repeat(201));

        Response refused = json().body(body).post(CLIENTS);

        refused.then().statusCode(400);
        assertThat(refused.<List<String>>path("errors.pointer")).contains("/name", "/ownerTeam");
    }

    @Test
    void changedScopesApplyToTheNextTokenAndAPlanChangeKeepsThem() {
        String name = clientName();
        String secret = register(name, List.of("masterdata:read"), "sandbox").path("clientSecret");

        json().body(map("scopes", list("time:write", "operations:read"))).patch(CLIENTS + "/" + name)
                .then().statusCode(200).body("scopes", equalTo(List.of("time:write", "operations:read")));
        json().body(map("ratePlan", "bulk")).patch(CLIENTS + "/" + name)
                .then().statusCode(200).body("ratePlan", equalTo("bulk"))
                .body("scopes", equalTo(List.of("time:write", "operations:read")));

        assertThat(Arrays.asList(TestKeycloak.get().tokenResponse(name, secret).path("scope").asText().split(" ")))
                .containsExactlyInAnyOrder("time:write", "operations:read");
    }

    @Test
    void aRotatedSecretReplacesTheOldOne() {
        String name = clientName();
        String old = register(name, List.of("masterdata:read"), "sandbox").path("clientSecret");

        Response rotated = given().post(CLIENTS + "/" + name + "/secret");

        rotated.then().statusCode(200).body("clientId", equalTo(name));
        String fresh = rotated.path("clientSecret");
        assertThat(fresh).isNotEqualTo(old);
        assertThat(TestKeycloak.get().tokenResponse(name, fresh).has("access_token")).isTrue();
        assertThat(TestKeycloak.get().tokenResponse(name, old).path("error").asText()).isEqualTo("unauthorized_client");
    }

    @Test
    void aDisabledClientsTokensAreRefusedAtOnceAndItGetsNoNewOnes() {
        String name = clientName();
        String secret = register(name, List.of("masterdata:read"), "sandbox").path("clientSecret");
        String bearer = "Bearer " + TestKeycloak.get().tokenResponse(name, secret).path("access_token").asText();
        given().header("Authorization", bearer).get("/api/v1/master-data/currencies").then().statusCode(200);

        given().post(CLIENTS + "/" + name + "/disable").then().statusCode(200).body("enabled", equalTo(false));

        given().header("Authorization", bearer).get("/api/v1/master-data/currencies").then().statusCode(401)
                .body("detail", equalTo("Client " + name + " is disabled"));
        assertThat(TestKeycloak.get().tokenResponse(name, secret).has("access_token")).isFalse();

        given().post(CLIENTS + "/" + name + "/enable").then().statusCode(200).body("enabled", equalTo(true));
        String again = "Bearer " + TestKeycloak.get().tokenResponse(name, secret).path("access_token").asText();
        given().header("Authorization", again).get("/api/v1/master-data/currencies").then().statusCode(200);
    }

    @Test
    void anUnknownClientIsNotFound() {
        String name = clientName();
        given().get(CLIENTS + "/" + name).then().statusCode(404);
        given().post(CLIENTS + "/" + name + "/disable").then().statusCode(404);
        json().body(map("ratePlan", "bulk")).patch(CLIENTS + "/" + name).then().statusCode(404);
    }

    @Test
    void pagesThroughClientsByClientId() {
        String first = "aaa-" + UUID.randomUUID().toString().substring(0, 8);
        register(first, List.of("masterdata:read"), "sandbox").then().statusCode(201);

        Response page = given().queryParam("limit", 1).get(CLIENTS);

        page.then().statusCode(200);
        assertThat(page.<List<?>>path("items")).hasSize(1);
        String next = page.path("next");
        assertThat(next).isNotNull();
        given().get(next).then().statusCode(200).body("items.clientId", not(hasItem(page.<String>path("items[0].clientId"))));
    }

    // --- helpers -----------------------------------------------------------------------------

    private static String clientName() {
        return "test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> registration(String name, List<String> scopes, String plan) {
        return map("name", name, "ownerTeam", "psa-integrations", "scopes", scopes, "ratePlan", plan,
                "contact", "psa-team@example.com");
    }

    private static Response register(String name, List<String> scopes, String plan) {
        return json().body(registration(name, scopes, plan)).post(CLIENTS);
    }
}
