package dev.sluice.governance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.support.ApiTest;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.PostgresResource;
import dev.sluice.support.TestKeycloak;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The issuer rotates its signing key while the gateway runs: tokens signed with the new key name
 * a key id the gateway's cached key set lacks, and it fetches the key set again rather than
 * refusing them. A gateway of its own, so no other test has made it refetch recently.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
@TestProfile(SigningKeyRotationTest.OwnGateway.class)
class SigningKeyRotationTest extends ApiTest {

    public static class OwnGateway implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sluice.test.profile", "signing-key-rotation");
        }
    }

    @Test
    void tokensSignedWithANewKeyOfTheIssuerAreAccepted() {
        String before = TestKeycloak.get().token(TestKeycloak.ALL_SCOPES);
        given().header("Authorization", "Bearer " + before).get("/api/v1/master-data/currencies").then().statusCode(200);

        TestKeycloak.get().rotateSigningKey();
        String after = TestKeycloak.get().token(TestKeycloak.ALL_SCOPES);

        assertThat(keyId(after)).as("the new token names the new key").isNotEqualTo(keyId(before));
        given().header("Authorization", "Bearer " + after).get("/api/v1/master-data/currencies").then().statusCode(200);
        given().header("Authorization", "Bearer " + before).get("/api/v1/master-data/currencies").then().statusCode(200);
    }

    private static String keyId(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
        return header.replaceAll(".*\"kid\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }
}
