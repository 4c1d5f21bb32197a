package dev.sluice.erp.businesscentral;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sluice.erp.businesscentral.BcFixture.ROOT;
import static dev.sluice.erp.businesscentral.BcFixture.TOKEN_PATH;
import static dev.sluice.erp.businesscentral.BcFixture.okJson;
import static dev.sluice.erp.businesscentral.BcFixture.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.sluice.domain.MasterDataType;
import dev.sluice.erp.ErpAccessDeniedException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EntraIdAuthenticationTest {

    private BcFixture bc;

    @BeforeEach
    void start() {
        bc = new BcFixture();
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "customers")).willReturn(okJson(page(null))));
    }

    @AfterEach
    void stop() {
        bc.close();
    }

    @Test
    void asksForAClientCredentialsTokenForBusinessCentralsScope() {
        bc.tokenIs("t1");

        bc.erp.find(MasterDataType.CUSTOMERS, "CUST-001");

        bc.server.verify(postRequestedFor(urlPathEqualTo(TOKEN_PATH))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("client_id=sluice-app"))
                .withRequestBody(containing("client_secret=s3cret"))
                .withRequestBody(containing("scope=https%3A%2F%2Fapi.businesscentral.dynamics.com%2F.default")));
        bc.server.verify(getRequestedFor(urlPathEqualTo(ROOT + "customers"))
                .withHeader("Authorization", equalTo("Bearer t1")));
    }

    @Test
    void fetchesTheTokenOnceAndReusesIt() {
        bc.tokenIs("t1");

        bc.erp.find(MasterDataType.CUSTOMERS, "CUST-001");
        bc.erp.find(MasterDataType.CUSTOMERS, "CUST-002");
        bc.erp.find(MasterDataType.CUSTOMERS, "CUST-003");

        bc.server.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        bc.server.verify(3, getRequestedFor(urlPathEqualTo(ROOT + "customers"))
                .withHeader("Authorization", equalTo("Bearer t1")));
    }

    @Test
    void fetchesANewTokenShortlyBeforeTheOldOneExpires() {
        bc.tokenIs("t1");
        bc.erp.find(MasterDataType.CUSTOMERS, "CUST-001");

        bc.clock.advance(Duration.ofMinutes(56));
        bc.erp.find(MasterDataType.CUSTOMERS, "CUST-001");

        assertThat(bc.erp.tokenFetches()).as("a token valid for 60 minutes is replaced 5 minutes early").isEqualTo(2);
    }

    @Test
    void fetchesANewTokenAfterA401AndRetriesTheRequestWithIt() {
        bc.server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("rotation").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"expires_in\":3600,\"access_token\":\"revoked\"}")).willSetStateTo("second"));
        bc.server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("rotation").whenScenarioStateIs("second")
                .willReturn(okJson("{\"expires_in\":3600,\"access_token\":\"fresh\"}")));
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "customers")).withHeader("Authorization", equalTo("Bearer revoked"))
                .willReturn(BcFixture.error(401, "Authentication_InvalidCredentials",
                        "The server has rejected the client credentials.")));

        assertThat(bc.erp.find(MasterDataType.CUSTOMERS, "CUST-001")).isEmpty();

        bc.server.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        bc.server.verify(getRequestedFor(urlPathEqualTo(ROOT + "customers"))
                .withHeader("Authorization", equalTo("Bearer fresh")));
    }

    @Test
    void aSecond401IsAccessDenied() {
        bc.tokenIs("t1");
        bc.server.stubFor(get(urlPathEqualTo(ROOT + "customers")).willReturn(BcFixture.error(401,
                "Authentication_InvalidCredentials", "The server has rejected the client credentials.")));

        assertThatThrownBy(() -> bc.erp.find(MasterDataType.CUSTOMERS, "CUST-001"))
                .isInstanceOf(ErpAccessDeniedException.class)
                .hasMessageContaining("Authentication_InvalidCredentials")
                .hasMessageContaining("The server has rejected the client credentials.");
        bc.server.verify(2, getRequestedFor(urlPathEqualTo(ROOT + "customers")));
    }

    @Test
    void credentialsRefusedByEntraIdAreAccessDeniedWithEntrasReason() {
        bc.server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret"
                        + " provided.\\r\\nTrace ID: 0c7a\"}")));

        assertThatThrownBy(() -> bc.erp.find(MasterDataType.CUSTOMERS, "CUST-001"))
                .isInstanceOf(ErpAccessDeniedException.class)
                .hasMessageContaining("invalid_client")
                .hasMessageContaining("AADSTS7000215: Invalid client secret provided.");
    }
}
