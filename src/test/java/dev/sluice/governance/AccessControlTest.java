package dev.sluice.governance;

import static dev.sluice.support.Bodies.contract;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.sluice.contract.ApiContracts;
import dev.sluice.contract.OpenApiContract.OperationSpec;
import dev.sluice.support.ApiTest;
import dev.sluice.support.BearerTokens;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.PostgresResource;
import dev.sluice.support.TestKeycloak;
import dev.sluice.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Who may call what: a valid token from the realm with the operation's scope, and nothing else,
 * against the real Keycloak. The walks over the contract cover every operation, so an operation
 * added later is covered without a new test.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
class AccessControlTest extends ApiTest {

    @TestFactory
    Stream<DynamicTest> everyOperationRefusesACallerWithoutAToken() {
        return operations().map(operation -> DynamicTest.dynamicTest(operation.operationId(), () -> {
            Response answer = call(operation, given().header(BearerTokens.ANONYMOUS, "yes"));

            assertThat(answer.statusCode()).as(operation.operationId()).isEqualTo(401);
            assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"sluice\", error=\"invalid_token\"");
            assertThat(answer.<String>path("type")).isEqualTo("https://sluice.dev/problems/unauthorized");
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyOperationRefusesATokenWithoutItsScope() {
        String token = TestKeycloak.get().token(TestKeycloak.NO_SCOPES);
        return operations().map(operation -> DynamicTest.dynamicTest(operation.operationId(), () -> {
            Response answer = call(operation, given().header("Authorization", "Bearer " + token));

            String scope = operation.scopes().get(0);
            assertThat(answer.statusCode()).as(operation.operationId()).isEqualTo(403);
            assertThat(answer.header("WWW-Authenticate")).isEqualTo(
                    "Bearer realm=\"sluice\", error=\"insufficient_scope\", scope=\"" + scope + "\"");
            assertThat(answer.<String>path("type")).isEqualTo("https://sluice.dev/problems/insufficient-scope");
            assertThat(answer.<String>path("detail")).contains(scope);
        }));
    }

    @Test
    void aTokenTheTestsMintWithTheRealmsKeyIsAccepted() {
        // the control for the refusals below: minting itself is sound
        assertThat(master(Tokens.signed(Tokens.goodClaims())).statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenAlreadyAdmittedIsRefusedWithAnyOtherSignature() {
        String token = Tokens.signed(Tokens.goodClaims());
        assertThat(master(token).statusCode()).isEqualTo(200);
        assertThat(master(token).statusCode()).as("the verified token again").isEqualTo(200);

        String unsigned = token.substring(0, token.lastIndexOf('.') + 1);
        char last = token.charAt(token.length() - 2);
        assertInvalid(unsigned + token.substring(unsigned.length(), token.length() - 2) + (last == 'A' ? 'B' : 'A')
                + token.charAt(token.length() - 1));
        assertInvalid(unsigned);
    }

    @Test
    void refusesAMalformedToken() {
        assertInvalid("not-a-jwt");
        assertInvalid("eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl");
    }

    @Test
    void refusesAnExpiredToken() {
        JwtClaims claims = Tokens.goodClaims();
        claims.setIssuedAt(Tokens.at(Instant.now().minus(Duration.ofMinutes(10))));
        claims.setExpirationTime(Tokens.at(Instant.now().minus(Duration.ofMinutes(5))));
        assertInvalid(Tokens.signed(claims));
    }

    @Test
    void refusesATokenNotYetValid() {
        JwtClaims claims = Tokens.goodClaims();
        claims.setNotBefore(Tokens.at(Instant.now().plus(Duration.ofMinutes(10))));
        claims.setExpirationTime(Tokens.at(Instant.now().plus(Duration.ofMinutes(20))));
        assertInvalid(Tokens.signed(claims));
    }

    @Test
    void refusesATokenOfAnotherIssuer() {
        JwtClaims claims = Tokens.goodClaims();
        claims.setIssuer("http://127.0.0.1:1/realms/other");
        assertInvalid(Tokens.signed(claims));
    }

    @Test
    void refusesATokenForAnotherAudience() {
        JwtClaims claims = Tokens.goodClaims();
        claims.setAudience("account");
        assertInvalid(Tokens.signed(claims));
    }

    @Test
    void refusesATokenSignedByAnotherKey() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        assertInvalid(Tokens.sign(Tokens.goodClaims(), Map.of("kid", "unknown-key"),
                AlgorithmIdentifiers.RSA_USING_SHA256, generator.generateKeyPair().getPrivate()));
        // the realm's key id, another key's signature
        assertInvalid(Tokens.sign(Tokens.goodClaims(), Map.of("kid", TestKeycloak.get().signingKeyId()),
                AlgorithmIdentifiers.RSA_USING_SHA256, generator.generateKeyPair().getPrivate()));
    }

    @Test
    void refusesAnUnsignedToken() {
        assertInvalid(Tokens.sign(Tokens.goodClaims(), Map.of("kid", TestKeycloak.get().signingKeyId()),
                AlgorithmIdentifiers.NONE, null));
    }

    @Test
    void refusesAnHmacTokenKeyedWithTheRealmsPublicKey() {
        HmacKey publicKeyAsSecret = new HmacKey(TestKeycloak.get().signingKey().getPublic().getEncoded());
        assertInvalid(Tokens.sign(Tokens.goodClaims(), Map.of("kid", TestKeycloak.get().signingKeyId()),
                AlgorithmIdentifiers.HMAC_SHA256, publicKeyAsSecret));
    }

    @Test
    void refusesAnIdTokenInsteadOfAnAccessToken() {
        JwtClaims claims = Tokens.goodClaims();
        claims.setClaim("typ", "ID");
        claims.setAudience("sluice-api", TestKeycloak.ALL_SCOPES);
        assertInvalid(Tokens.signed(claims));
    }

    @Test
    void anotherClientDoesNotSeeAnOperationOrItsLineage() {
        String correlationId = "own-" + UUID.randomUUID();
        Response accepted = json().header("Idempotency-Key", UUID.randomUUID().toString())
                .header("X-Correlation-Id", correlationId)
                .body(contract(unique("C"))).post("/api/v1/contracts");
        String location = accepted.header("Location");
        String other = "Bearer " + TestKeycloak.get().token(TestKeycloak.OTHER_CLIENT);

        given().header("Authorization", other).get(location).then().statusCode(404)
                .body("type", equalTo("https://sluice.dev/problems/not-found"));
        given().header("Authorization", other).get("/api/v1/lineage/" + correlationId).then().statusCode(404);
        // the writer sees its own; the all-scopes client holds admin:operations and sees everyone's
        given().get(location).then().statusCode(200);
        given().get("/api/v1/lineage/" + correlationId).then().statusCode(200);
    }

    @Test
    void operationsStaffSeeEveryClientsOperations() {
        String other = "Bearer " + TestKeycloak.get().token(TestKeycloak.OTHER_CLIENT);
        String location = json().header("Authorization", other).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(contract(unique("C"))).post("/api/v1/contracts").header("Location");

        given().get(location).then().statusCode(200);
    }

    // --- helpers -----------------------------------------------------------------------------

    private static Stream<OperationSpec> operations() {
        return ApiContracts.all().stream().flatMap(c -> c.operations().values().stream());
    }

    /** Calls an operation with made-up path values; authorization is decided before anything else. */
    private static Response call(OperationSpec operation, RequestSpecification request) {
        String path = operation.path()
                .replace("{operationId}", UUID.randomUUID().toString())
                .replaceAll("\\{[^}]+}", "X-1");
        if (operation.method().equals("POST")) {
            request = request.contentType("application/json").body("{}");
        }
        return request.request(operation.method(), path);
    }

    private static Response master(String token) {
        return given().header("Authorization", "Bearer " + token).get("/api/v1/master-data/currencies");
    }

    private static void assertInvalid(String token) {
        Response answer = master(token);
        assertThat(answer.statusCode()).as("answer to token " + token).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
        assertThat(answer.<String>path("type")).isEqualTo("https://sluice.dev/problems/unauthorized");
    }
}
