package dev.sluice.erp.businesscentral;

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
import java.util.function.Supplier;

/**
 * Fetches app-only access tokens from Microsoft Entra ID with the client-credentials grant, for
 * the {@link TokenCache} in front of it.
 */
final class EntraTokens implements Supplier<TokenCache.Token> {

    private final BusinessCentralSettings settings;
    private final ErpHttp http;
    private final ObjectMapper json;
    private final Clock clock;

    EntraTokens(BusinessCentralSettings settings, ErpHttp http, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public TokenCache.Token get() {
        String form = "grant_type=client_credentials"
                + "&client_id=" + encode(settings.clientId())
                + "&client_secret=" + encode(settings.clientSecret())
                + "&scope=" + encode(BusinessCentralSettings.SCOPE);
        ErpHttp.Response response = http.send(HttpRequest.newBuilder(settings.tokenUrl())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (response.status() == 429) {
            throw http.throttled(response, "the token endpoint", BcErrors.THROTTLE_BACKOFF);
        }
        if (response.status() >= 500) {
            throw http.serverError(response, "the token endpoint");
        }
        JsonNode body = read(response);
        if (!response.ok()) {
            // Entra answers 400/401 with error=invalid_client, unauthorized_client, invalid_scope ...
            throw new ErpAccessDeniedException("Microsoft Entra ID refused the client credentials of " + http.backend()
                    + " (" + body.path("error").asText("HTTP " + response.status()) + "): "
                    + firstLine(body.path("error_description").asText("")));
        }
        String token = body.path("access_token").asText("");
        long expiresIn = body.path("expires_in").asLong(0);
        if (token.isEmpty() || expiresIn <= 0) {
            throw http.serverError(response, "the token endpoint answered without access_token and expires_in");
        }
        return new TokenCache.Token(token, clock.instant().plus(Duration.ofSeconds(expiresIn)));
    }

    private JsonNode read(ErpHttp.Response response) {
        try {
            return json.readTree(response.body() == null || response.body().isBlank() ? "{}" : response.body());
        } catch (IOException e) {
            throw http.serverError(response, "the token endpoint answered something other than JSON");
        }
    }

    /** Entra's descriptions carry trace and correlation ids on further lines; the first says what is wrong. */
    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
