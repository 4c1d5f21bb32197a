package dev.sluice.erp.netsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.erp.ErpAccessDeniedException;
import dev.sluice.erp.http.ErpHttp;
import dev.sluice.erp.http.TokenCache;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Access tokens from NetSuite's OAuth 2.0 client credentials (M2M) flow: a signed client
 * assertion exchanged at the token endpoint, the token shared until shortly before it expires.
 * The token endpoint is the judge of the credentials: if it refuses the assertion, the
 * certificate, client id or mapping is wrong, and no retry will help.
 */
final class NetSuiteAuth {

    /** NetSuite's tokens live 60 minutes; replace one well before, so none runs out in flight. */
    static final Duration REFRESH_BEFORE = Duration.ofMinutes(2);

    private final ErpHttp http;
    private final NetSuiteSettings settings;
    private final ClientAssertion assertion;
    private final Clock clock;
    private final ObjectMapper json;
    private final TokenCache tokens;

    NetSuiteAuth(ErpHttp http, NetSuiteSettings settings, Clock clock, ObjectMapper json) {
        this.http = http;
        this.settings = settings;
        this.assertion = new ClientAssertion(settings, clock);
        this.clock = clock;
        this.json = json;
        this.tokens = new TokenCache(this::fetch, clock, REFRESH_BEFORE);
    }

    String token() {
        return tokens.get();
    }

    /** NetSuite refused {@code token}; the next {@link #token()} fetches a new one. */
    void refused(String token) {
        tokens.refused(token);
    }

    long fetches() {
        return tokens.fetches();
    }

    private TokenCache.Token fetch() {
        String form = "grant_type=client_credentials"
                + "&client_assertion_type=" + encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion=" + encode(assertion.sign());
        ErpHttp.Response response = http.send(HttpRequest.newBuilder(settings.tokenUrl())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (response.status() == 429) {
            throw http.throttled(response, "the token endpoint is over its limit", NetSuiteClient.THROTTLE_BACKOFF);
        }
        if (response.status() >= 500) {
            throw http.serverError(response, "the token endpoint failed");
        }
        if (!response.ok()) {
            throw new ErpAccessDeniedException(settings.name() + ": NetSuite's token endpoint refused the client"
                    + " assertion (" + response.status() + " " + oauthError(response.body()) + "); check client-id,"
                    + " certificate-id, the private key and the OAuth 2.0 Client Credentials (M2M) mapping of account "
                    + settings.accountId());
        }
        try {
            JsonNode body = json.readTree(response.body());
            String value = body.path("access_token").asText("");
            if (value.isEmpty()) {
                throw http.serverError(response, "the token endpoint answered without an access_token");
            }
            // NetSuite documents expires_in as "3600", a string; accept a number too
            long seconds = body.hasNonNull("expires_in") ? Long.parseLong(body.path("expires_in").asText()) : 3600;
            Instant expiresAt = clock.instant().plusSeconds(seconds);
            return new TokenCache.Token(value, expiresAt);
        } catch (IOException | NumberFormatException e) {
            throw http.serverError(response, "the token endpoint's answer is not a token: " + e.getMessage());
        }
    }

    private String oauthError(String body) {
        try {
            JsonNode node = json.readTree(body);
            String error = node.path("error").asText("");
            String description = node.path("error_description").asText("");
            return (error + " " + description).strip();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
