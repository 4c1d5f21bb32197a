package dev.sluice.erp.businesscentral;

import dev.sluice.support.MutableClock;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.sluice.erp.BackendSettings;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** A WireMock Business Central and Entra ID on a dynamic port, and an adapter pointed at them. */
final class BcFixture implements AutoCloseable {

    static final String TENANT = "contoso.onmicrosoft.com";
    static final String COMPANY = "3f1c2a4e-8b1d-4c3e-9a7f-0d2b5e6c7a81";
    static final String ROOT = "/v2.0/" + TENANT + "/production/api/v2.0/companies(" + COMPANY + ")/";
    static final String TOKEN_PATH = "/" + TENANT + "/oauth2/v2.0/token";

    final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    final BusinessCentralErp erp;

    BcFixture() {
        server.start();
        erp = new BusinessCentralErp(BusinessCentralSettings.from(settings(Map.of())),
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), clock);
    }

    /** Settings pointed at this server, with {@code overrides} on top. */
    BackendSettings settings(Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "tenant-id", TENANT,
                "environment", "production",
                "company-id", COMPANY,
                "legal-entity", "US01",
                "client-id", "env:BC_CLIENT_ID",
                "client-secret", "env:BC_CLIENT_SECRET",
                "base-url", server.baseUrl(),
                "token-url", server.baseUrl() + TOKEN_PATH,
                "request-timeout", "5s"));
        properties.putAll(overrides);
        properties.values().removeIf(String::isEmpty);
        Map<String, String> environment = Map.of("BC_CLIENT_ID", "sluice-app", "BC_CLIENT_SECRET", "s3cret");
        return new BackendSettings("bc-us", BusinessCentralSettings.TYPE, properties, environment::get);
    }

    /** Entra ID answers every token request with {@code token}, valid for an hour. */
    void tokenIs(String token) {
        server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(okJson(
                "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"" + token + "\"}")));
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(int status, String code,
            String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
    }

    /** A collection page: {@code {"value":[...]}} with a next link when {@code next} is not null. */
    static String page(String next, String... members) {
        return "{" + (next == null ? "" : "\"@odata.nextLink\":\"" + next + "\",") + "\"value\":["
                + String.join(",", members) + "]}";
    }

    String url(String relative) {
        return server.baseUrl() + ROOT + relative;
    }

    @Override
    public void close() {
        server.stop();
    }

}
