package dev.sluice.erp.netsuite;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.sluice.domain.MasterDataType;
import dev.sluice.erp.ErpAccessDeniedException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

class NetSuiteAuthTest {

    @Test
    void signsTheClientAssertionWithPs256AndTheCertificateId() throws Exception {
        verifyAssertion("PS256");
    }

    @Test
    void signsTheClientAssertionWithEs256AndTheCertificateId() throws Exception {
        verifyAssertion("ES256");
    }

    private static void verifyAssertion(String algorithm) throws Exception {
        try (NetSuiteFixture netsuite = new NetSuiteFixture(algorithm)) {
            netsuite.issues("token-1");
            netsuite.suiteQl("FROM currency", "[]");

            netsuite.adapter().find(MasterDataType.CURRENCIES, "USD");

            List<LoggedRequest> requests = netsuite.server.findAll(postRequestedFor(
                    urlPathEqualTo(NetSuiteSettings.TOKEN_PATH)));
            assertThat(requests).hasSize(1);
            Map<String, String> form = form(requests.get(0).getBodyAsString());
            assertThat(form).containsEntry("grant_type", "client_credentials")
                    .containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, algorithm));
            jws.setCompactSerialization(form.get("client_assertion"));
            jws.setKey(netsuite.keys.getPublic());
            assertThat(jws.verifySignature()).as("signature verifies with the public key").isTrue();
            assertThat(jws.getKeyIdHeaderValue()).isEqualTo(NetSuiteFixture.CERTIFICATE_ID);
            assertThat(jws.getAlgorithmHeaderValue()).isEqualTo(algorithm);
            JwtClaims claims = JwtClaims.parse(jws.getPayload());
            assertThat(claims.getIssuer()).isEqualTo(NetSuiteFixture.CLIENT_ID);
            assertThat(claims.getStringClaimValue("scope")).isEqualTo("rest_webservices");
            assertThat(claims.getAudience()).containsExactly(netsuite.tokenUrl());
            assertThat(claims.getIssuedAt().getValue()).isEqualTo(netsuite.clock.instant().getEpochSecond());
            assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue())
                    .isPositive().isLessThanOrEqualTo(3600);
        }
    }

    @Test
    void reusesTheTokenAndFetchesANewOneShortlyBeforeItExpires() {
        try (NetSuiteFixture netsuite = new NetSuiteFixture()) {
            netsuite.issues("token-1");
            netsuite.suiteQl("FROM currency", "[]");
            NetSuiteErp adapter = netsuite.adapter();

            adapter.find(MasterDataType.CURRENCIES, "USD");
            netsuite.clock.advance(Duration.ofMinutes(50));
            adapter.find(MasterDataType.CURRENCIES, "USD");
            netsuite.server.verify(1, postRequestedFor(urlPathEqualTo(NetSuiteSettings.TOKEN_PATH)));

            netsuite.clock.advance(Duration.ofMinutes(9));
            adapter.find(MasterDataType.CURRENCIES, "USD");
            netsuite.server.verify(2, postRequestedFor(urlPathEqualTo(NetSuiteSettings.TOKEN_PATH)));
        }
    }

    @Test
    void aRefusedClientAssertionIsAccessDenied() {
        try (NetSuiteFixture netsuite = new NetSuiteFixture()) {
            netsuite.server.stubFor(post(urlPathEqualTo(NetSuiteSettings.TOKEN_PATH)).willReturn(aResponse()
                    .withStatus(400).withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":\"invalid_grant\"}")));

            assertThatThrownBy(() -> netsuite.adapter().find(MasterDataType.CURRENCIES, "USD"))
                    .isInstanceOf(ErpAccessDeniedException.class)
                    .hasMessageContaining("token endpoint refused").hasMessageContaining("invalid_grant");
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }
}
