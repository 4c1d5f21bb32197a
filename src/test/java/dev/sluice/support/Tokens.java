package dev.sluice.support;

import java.security.Key;
import java.time.Instant;
import java.util.Map;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.lang.JoseException;

/**
 * Tokens the tests mint themselves, signed with the test key the realm publishes (see
 * {@link TestKeycloak}) unless a test signs otherwise, to show what the gateway refuses.
 */
public final class Tokens {

    private Tokens() {
    }

    /** The claims of a good access token of the all-scopes client, valid for five minutes. */
    public static JwtClaims goodClaims() {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(TestKeycloak.get().issuer());
        claims.setAudience("sluice-api");
        claims.setSubject("minted-subject");
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setGeneratedJwtId();
        claims.setClaim("typ", "Bearer");
        claims.setClaim("azp", TestKeycloak.ALL_SCOPES);
        claims.setClaim("scope", String.join(" ", TestKeycloak.API_SCOPES));
        return claims;
    }

    public static String signed(JwtClaims claims) {
        TestKeycloak keycloak = TestKeycloak.get();
        return sign(claims, Map.of("kid", keycloak.signingKeyId()), AlgorithmIdentifiers.RSA_USING_SHA256,
                keycloak.signingKey().getPrivate());
    }

    public static String sign(JwtClaims claims, Map<String, String> headers, String algorithm, Key key) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(algorithm);
        headers.forEach(jws::setHeader);
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        jws.setDoKeyValidation(false);
        if (key != null) {
            jws.setKey(key);
        }
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    public static NumericDate at(Instant instant) {
        return NumericDate.fromSeconds(instant.getEpochSecond());
    }
}
