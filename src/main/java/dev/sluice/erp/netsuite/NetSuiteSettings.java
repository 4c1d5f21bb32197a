package dev.sluice.erp.netsuite;

import dev.sluice.erp.BackendSettings;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A NetSuite backend's typed settings, read from its entry in {@code policies/routing.yaml}.
 *
 * @param accountId the NetSuite account id as NetSuite shows it, e.g. {@code 1234567_SB1}
 * @param clientId the integration record's client id (resolved from its secret reference)
 * @param certificateId the certificate id from OAuth 2.0 Client Credentials (M2M) Setup, sent as {@code kid}
 * @param privateKey the private part of that certificate
 * @param algorithm {@code PS256} (RSA key) or {@code ES256} (EC P-256 key)
 * @param baseUrl where SuiteTalk REST answers; {@code https://<account>.suitetalk.api.netsuite.com} unless set
 * @param tokenUrl the OAuth 2.0 token endpoint, also the assertion's {@code aud}
 */
record NetSuiteSettings(String name, String accountId, String clientId, String certificateId, PrivateKey privateKey,
        String algorithm, URI baseUrl, URI tokenUrl, Duration requestTimeout, Duration connectTimeout) {

    static final String TOKEN_PATH = "/services/rest/auth/oauth2/v1/token";

    private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9_-]+");

    static NetSuiteSettings from(BackendSettings settings) {
        String accountId = settings.required("account-id");
        if (!ACCOUNT_ID.matcher(accountId).matches()) {
            throw settings.invalid("account-id", "must be a NetSuite account id (letters, digits, _), not " + accountId);
        }
        String clientId = settings.secret("client-id");
        String certificateId = settings.required("certificate-id");
        String algorithm = settings.choice("algorithm", "PS256", "PS256", "ES256");
        PrivateKey key = privateKey(settings, algorithm);
        URI baseUrl = settings.uri("base-url", defaultBaseUrl(accountId));
        URI tokenUrl = settings.uri("token-url", baseUrl + TOKEN_PATH);
        return new NetSuiteSettings(settings.name(), accountId, clientId, certificateId, key, algorithm, baseUrl, tokenUrl,
                settings.duration("request-timeout", Duration.ofSeconds(30)),
                settings.duration("connect-timeout", Duration.ofSeconds(5)));
    }

    /** NetSuite's own rule for the account's domain: lower case, and {@code _} (as in sandboxes) becomes {@code -}. */
    static String defaultBaseUrl(String accountId) {
        return "https://" + accountId.toLowerCase(Locale.ROOT).replace('_', '-') + ".suitetalk.api.netsuite.com";
    }

    private static PrivateKey privateKey(BackendSettings settings, String algorithm) {
        String pem = settings.secret("private-key");
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw settings.invalid("private-key", "must be a PEM PKCS#8 key (-----BEGIN PRIVATE KEY-----); convert an"
                    + " RSA or EC key with: openssl pkcs8 -topk8 -nocrypt");
        }
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        String keyType = "PS256".equals(algorithm) ? "RSA" : "EC";
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return KeyFactory.getInstance(keyType).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw settings.invalid("private-key", "is not an " + keyType + " key, which algorithm " + algorithm
                    + " needs");
        }
    }

    @Override
    public String toString() {
        // never the client id or the key
        return "NetSuiteSettings[" + name + ", account " + accountId + ", " + baseUrl + "]";
    }
}
