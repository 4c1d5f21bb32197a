package dev.sluice.erp.netsuite;

import dev.sluice.support.MutableClock;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.sluice.erp.BackendSettings;
import java.net.http.HttpClient;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** A WireMock NetSuite on a dynamic port, a key pair, and an adapter built against them. */
final class NetSuiteFixture implements AutoCloseable {

    static final String CLIENT_ID = "client-123";
    static final String CERTIFICATE_ID = "cert-abc";

    final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    final KeyPair keys;
    final String algorithm;
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    NetSuiteFixture(String algorithm) {
        this.algorithm = algorithm;
        this.keys = keyPair(algorithm);
        server.start();
    }

    NetSuiteFixture() {
        this("PS256");
    }

    static KeyPair keyPair(String algorithm) {
        try {
            if ("ES256".equals(algorithm)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(KeyPair keys) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("account-id", "1234567_SB1");
        properties.put("client-id", "env:NS_CLIENT_ID");
        properties.put("certificate-id", CERTIFICATE_ID);
        properties.put("private-key", "env:NS_PRIVATE_KEY");
        properties.put("algorithm", algorithm);
        properties.put("base-url", server.baseUrl());
        properties.put("request-timeout", "5s");
        return properties;
    }

    BackendSettings settings(Map<String, String> properties) {
        Map<String, String> environment = Map.of("NS_CLIENT_ID", CLIENT_ID, "NS_PRIVATE_KEY", pem(keys));
        return new BackendSettings("netsuite-test", "netsuite", properties, environment::get);
    }

    NetSuiteErp adapter() {
        return new NetSuiteErp(NetSuiteSettings.from(settings(properties())),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(), clock);
    }

    String tokenUrl() {
        return server.baseUrl() + NetSuiteSettings.TOKEN_PATH;
    }

    /** The token endpoint issues {@code token}, valid for an hour. */
    void issues(String token) {
        server.stubFor(post(urlPathEqualTo(NetSuiteSettings.TOKEN_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"" + token + "\",\"expires_in\":\"3600\",\"token_type\":\"bearer\"}")));
    }

    /** SuiteQL answers {@code rows} (a JSON array) to a query containing {@code fragment}. */
    void suiteQl(String fragment, String rows) {
        server.stubFor(post(urlPathEqualTo(NetSuiteClient.SUITEQL)).withRequestBody(containing(fragment))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"items\":" + rows + ",\"hasMore\":false,\"offset\":0,\"count\":1}")));
    }

    @Override
    public void close() {
        server.stop();
    }

    /** A clock tests move forward. */

}
