package dev.sluice.erp.netsuite;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.sluice.domain.Violation;
import dev.sluice.erp.Delivery;
import dev.sluice.erp.ErpAccessDeniedException;
import dev.sluice.erp.ErpUnavailableException;
import dev.sluice.erp.PostingOutcome;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetSuiteFailuresTest {

    private static final String ORDER = "/services/rest/record/v1/salesorder/eid:C-1001";

    private NetSuiteFixture netsuite;

    @BeforeEach
    void start() {
        netsuite = new NetSuiteFixture();
        netsuite.issues("token-1");
        netsuite.suiteQl("FROM customer WHERE entityid = 'CUST-001'", "[{\"id\":\"41\"}]");
        netsuite.suiteQl("FROM subsidiary WHERE name = 'US01'", "[{\"id\":\"1\"}]");
        netsuite.suiteQl("FROM currency WHERE symbol = 'USD'", "[{\"id\":\"2\"}]");
        netsuite.suiteQl("FROM item WHERE itemid = 'SVC-TM'", "[{\"id\":\"501\"}]");
        netsuite.suiteQl("FROM item WHERE itemid = 'SVC-FF'", "[{\"id\":\"502\"}]");
    }

    @AfterEach
    void stop() {
        netsuite.close();
    }

    private PostingOutcome postContract() {
        return netsuite.adapter().post(new Delivery(UUID.randomUUID(), "1", NetSuiteWritesTest.contract(), "c", null));
    }

    private void orderAnswers(int status, String body) {
        netsuite.server.stubFor(put(urlPathEqualTo(ORDER)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/vnd.oracle.resource+json; type=error").withBody(body)));
    }

    private static String error(int status, String code, String detail, String path) {
        return "{\"type\":\"https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html\",\"title\":\"t\",\"status\":"
                + status + ",\"o:errorDetails\":[{\"detail\":\"" + detail + "\",\"o:errorCode\":\"" + code + "\""
                + (path == null ? "" : ",\"o:errorPath\":\"" + path + "\"") + "}]}";
    }

    @Test
    void aUserErrorIsRefusedWithNetSuitesDetailAndThePointerOfTheFieldItNames() {
        orderAnswers(400, error(400, "USER_ERROR", "Invalid Field Value 502 for the following field: item",
                "item.items[2].item"));

        PostingOutcome outcome = postContract();

        assertThat(outcome).isInstanceOf(PostingOutcome.Refused.class);
        PostingOutcome.Refused refused = (PostingOutcome.Refused) outcome;
        assertThat(refused.reason()).isEqualTo("Invalid Field Value 502 for the following field: item");
        assertThat(refused.violations()).containsExactly(new Violation("/lines/1/itemNumber", "USER_ERROR",
                "Invalid Field Value 502 for the following field: item"));
    }

    @Test
    void aRefusalWithoutAPathPointsAtTheWholeRequest() {
        orderAnswers(400, error(400, "INVALID_KEY_OR_REF", "Invalid entity reference key 41.", null));

        PostingOutcome.Refused refused = (PostingOutcome.Refused) postContract();

        assertThat(refused.violations()).extracting(Violation::pointer).containsExactly("");
    }

    @Test
    void theConcurrencyLimitAs429IsThrottlingWithNetSuitesRetryAfter() {
        netsuite.server.stubFor(put(urlPathEqualTo(ORDER)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "7")
                .withBody(error(429, "CONCURRENCY_LIMIT_EXCEEDED", "Concurrent request limit exceeded. Request blocked.",
                        null))));

        assertThatThrownBy(this::postContract).isInstanceOfSatisfying(ErpUnavailableException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErpUnavailableException.Cause.THROTTLED);
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        });
    }

    @Test
    void a401AgainWithAFreshlyIssuedTokenIsTheConcurrencyLimitNotBadCredentials() {
        orderAnswers(401, error(401, "INVALID_LOGIN", "Invalid login attempt.", null));

        assertThatThrownBy(this::postContract).isInstanceOfSatisfying(ErpUnavailableException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErpUnavailableException.Cause.THROTTLED);
            assertThat(e.retryAfter()).contains(NetSuiteClient.THROTTLE_BACKOFF);
        });
        netsuite.server.verify(2, postRequestedFor(urlPathEqualTo(NetSuiteSettings.TOKEN_PATH)));
    }

    @Test
    void a401ThatAFreshTokenCuresIsRetriedOnce() {
        netsuite.server.stubFor(put(urlPathEqualTo(ORDER)).inScenario("expired").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(401).withBody(error(401, "INVALID_LOGIN", "Invalid login attempt.",
                        null))).willSetStateTo("fresh"));
        netsuite.server.stubFor(put(urlPathEqualTo(ORDER)).inScenario("expired").whenScenarioStateIs("fresh")
                .willReturn(aResponse().withStatus(204).withHeader("Location", "/services/rest/record/v1/salesorder/9001")));

        assertThat(postContract()).isInstanceOf(PostingOutcome.Posted.class);
    }

    @Test
    void a401WhoseFreshAssertionTheTokenEndpointRefusesIsAccessDenied() {
        orderAnswers(401, error(401, "INVALID_LOGIN", "Invalid login attempt.", null));
        netsuite.server.stubFor(post(urlPathEqualTo(NetSuiteSettings.TOKEN_PATH)).inScenario("revoked")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(200)
                        .withBody("{\"access_token\":\"token-1\",\"expires_in\":3600}")).willSetStateTo("revoked"));
        netsuite.server.stubFor(post(urlPathEqualTo(NetSuiteSettings.TOKEN_PATH)).inScenario("revoked")
                .whenScenarioStateIs("revoked").willReturn(aResponse().withStatus(401)
                        .withBody("{\"error\":\"invalid_client\"}")));

        assertThatThrownBy(this::postContract).isInstanceOf(ErpAccessDeniedException.class)
                .hasMessageContaining("invalid_client");
    }

    @Test
    void a403IsAccessDeniedWithNetSuitesReason() {
        orderAnswers(403, error(403, "INSUFFICIENT_PERMISSION", "Permission Violation: You need the Sales Order permission.",
                null));

        assertThatThrownBy(this::postContract).isInstanceOf(ErpAccessDeniedException.class)
                .hasMessageContaining("Permission Violation");
    }

    @Test
    void a5xxIsAServerErrorToRetry() {
        orderAnswers(503, error(503, "UNEXPECTED_ERROR", "Service unavailable", null));

        assertThatThrownBy(this::postContract).isInstanceOfSatisfying(ErpUnavailableException.class,
                e -> assertThat(e.kind()).isEqualTo(ErpUnavailableException.Cause.SERVER_ERROR));
    }
}
