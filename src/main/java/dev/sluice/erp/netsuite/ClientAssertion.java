package dev.sluice.erp.netsuite;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * The signed JWT NetSuite's client credentials flow takes instead of a client secret: header
 * {@code kid} = the certificate id of the M2M mapping, claims {@code iss} = client id,
 * {@code scope} = {@code rest_webservices}, {@code aud} = the token endpoint, {@code iat} and
 * {@code exp} (NetSuite accepts at most 60 minutes between them).
 */
final class ClientAssertion {

    static final String SCOPE = "rest_webservices";
    /** Short-lived: one assertion is used once, right away. */
    static final Duration LIFETIME = Duration.ofMinutes(5);

    private final NetSuiteSettings settings;
    private final Clock clock;

    ClientAssertion(NetSuiteSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    String sign() {
        long now = clock.instant().getEpochSecond();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(settings.clientId());
        claims.setAudience(settings.tokenUrl().toString());
        claims.setClaim("scope", SCOPE);
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + LIFETIME.toSeconds()));
        claims.setJwtId(UUID.randomUUID().toString());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(settings.privateKey());
        jws.setAlgorithmHeaderValue(settings.algorithm());
        jws.setKeyIdHeaderValue(settings.certificateId());
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign the NetSuite client assertion with " + settings.algorithm()
                    + ": " + e.getMessage(), e);
        }
    }
}
