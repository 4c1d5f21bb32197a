package dev.sluice.erp.netsuite;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.erp.ErpAccessDeniedException;
import dev.sluice.erp.ErpUnavailableException;
import dev.sluice.erp.http.ErpHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SuiteTalk REST for the adapter: every call authorized, and NetSuite's answers sorted into
 * what the gateway acts on. Throttling (429, or the concurrency governance's 401) and 5xx throw
 * {@link ErpUnavailableException}; refused credentials and missing permissions throw
 * {@link ErpAccessDeniedException}; a business error on a write throws {@link Refusal}.
 *
 * <p>A 401 is ambiguous: NetSuite answers "Invalid login attempt" both to a bad token and to a
 * request over the account's concurrency limit. So the token is dropped and a fresh one fetched:
 * if the token endpoint refuses the assertion, the credentials are wrong (access denied); if it
 * issues a token, the credentials are good, and the call is made once more. A second 401 with a
 * token NetSuite issued a moment ago is the concurrency limit, answered as throttling.
 */
final class NetSuiteClient {

    /** How long to wait when NetSuite throttles without saying for how long. */
    static final Duration THROTTLE_BACKOFF = Duration.ofSeconds(5);
    /** SuiteQL's largest page. */
    static final int MAX_PAGE = 1000;

    static final String RECORDS = "/services/rest/record/v1/";
    static final String SUITEQL = "/services/rest/query/v1/suiteql";

    private final ErpHttp http;
    private final NetSuiteSettings settings;
    private final NetSuiteAuth auth;
    private final ObjectMapper json;

    NetSuiteClient(NetSuiteSettings settings, HttpClient client, Clock clock, ObjectMapper json) {
        this.http = new ErpHttp(settings.name(), client, settings.requestTimeout());
        this.settings = settings;
        this.json = json;
        this.auth = new NetSuiteAuth(http, settings, clock, json);
    }

    NetSuiteAuth auth() {
        return auth;
    }

    /** A business refusal of a write, as NetSuite phrased it. */
    static final class Refusal extends RuntimeException {
        private final transient NetSuiteError error;

        Refusal(NetSuiteError error) {
            super(error.message());
            this.error = error;
        }

        NetSuiteError error() {
            return error;
        }
    }

    /** One page of SuiteQL rows (column names in lower case), and whether NetSuite has more. */
    record Rows(List<JsonNode> items, boolean hasMore) {
    }

    /**
     * Creates or updates the record of {@code type} whose external id is {@code externalId}; the
     * record's internal id, from the {@code Location} NetSuite answers with.
     *
     * @param query extra query parameters (e.g. {@code replace=item}), or empty
     */
    String upsert(String type, String externalId, String query, ObjectNode body) {
        String path = RECORDS + type + "/eid:" + externalId + (query.isEmpty() ? "" : "?" + query);
        ErpHttp.Response response = call(() -> HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())), "PUT " + type);
        if (!response.ok()) {
            throw new Refusal(NetSuiteError.parse(response.status(), response.body(), json));
        }
        return response.header("Location")
                .map(location -> location.substring(location.lastIndexOf('/') + 1))
                .filter(id -> !id.isEmpty() && !id.startsWith("eid:"))
                .orElseThrow(() -> http.serverError(response, "NetSuite answered the upsert of " + type
                        + " without a Location naming the record"));
    }

    /**
     * Reads a record by internal id or {@code eid:<external id>}; empty when NetSuite answers 404
     * (no such record). Numbers are read as exact decimals.
     *
     * @param query extra query parameters (e.g. {@code expandSubResources=true}), or empty
     */
    Optional<JsonNode> get(String type, String id, String query) {
        String path = RECORDS + type + "/" + id + (query.isEmpty() ? "" : "?" + query);
        ErpHttp.Response response = call(() -> HttpRequest.newBuilder(uri(path)).GET(), "GET " + type);
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (!response.ok()) {
            // a read NetSuite cannot serve (bad field, unknown record type) is a fault of this adapter or the account
            throw new IllegalStateException(settings.name() + ": NetSuite refused to read " + type + " " + id + " ("
                    + response.status() + "): " + NetSuiteError.parse(response.status(), response.body(), json)
                            .message());
        }
        try {
            return Optional.of(json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .readTree(response.body()));
        } catch (IOException e) {
            throw http.serverError(response, "NetSuite's answer is not JSON");
        }
    }

    /** Deletes a record; false when it was not there. */
    boolean delete(String type, String id) {
        ErpHttp.Response response = call(() -> HttpRequest.newBuilder(uri(RECORDS + type + "/" + id)).DELETE(),
                "DELETE " + type);
        if (response.status() == 404) {
            return false;
        }
        if (!response.ok()) {
            throw new Refusal(NetSuiteError.parse(response.status(), response.body(), json));
        }
        return true;
    }

    /** One SuiteQL page; {@code Prefer: transient} as NetSuite requires for the query service. */
    Rows query(String suiteQl, int limit, int offset) {
        String path = SUITEQL + "?limit=" + limit + "&offset=" + offset;
        String body = json.createObjectNode().put("q", suiteQl).toString();
        ErpHttp.Response response = call(() -> HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .header("Prefer", "transient")
                .POST(HttpRequest.BodyPublishers.ofString(body)), "SuiteQL");
        if (!response.ok()) {
            // a query NetSuite cannot run is a fault of this adapter or of the account's set-up, not of a caller
            throw new IllegalStateException(settings.name() + ": NetSuite refused a SuiteQL query ("
                    + response.status() + "): " + NetSuiteError.parse(response.status(), response.body(), json).message()
                    + " -- query: " + suiteQl);
        }
        JsonNode root = read(response);
        List<JsonNode> items = new ArrayList<>();
        root.path("items").forEach(items::add);
        return new Rows(items, root.path("hasMore").asBoolean(false));
    }

    /** Every row of a query, reading NetSuite's pages while it has more. */
    List<JsonNode> queryAll(String suiteQl) {
        List<JsonNode> rows = new ArrayList<>();
        int offset = 0;
        Rows page;
        do {
            page = query(suiteQl, MAX_PAGE, offset);
            rows.addAll(page.items());
            offset += MAX_PAGE;
        } while (page.hasMore() && !page.items().isEmpty());
        return rows;
    }

    /** The first row of a query, if any. */
    Optional<JsonNode> first(String suiteQl) {
        return query(suiteQl, 1, 0).items().stream().findFirst();
    }

    private JsonNode read(ErpHttp.Response response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw http.serverError(response, "NetSuite's answer is not JSON");
        }
    }

    /**
     * Sends an authorized request; answers 2xx and business errors (4xx other than 401, 403,
     * 429), throws for the rest.
     */
    private ErpHttp.Response call(java.util.function.Supplier<HttpRequest.Builder> request, String what) {
        String token = auth.token();
        ErpHttp.Response response = http.send(authorized(request.get(), token));
        if (response.status() == 401 && !error(response).concurrencyLimit()) {
            auth.refused(token);
            // throws access denied when the token endpoint refuses: then the credentials are wrong
            String fresh = auth.token();
            response = http.send(authorized(request.get(), fresh));
            if (response.status() == 401) {
                throw http.throttled(response, what + " refused a token NetSuite issued just now (\""
                        + error(response).message() + "\"): the account is over its concurrent request limit",
                        THROTTLE_BACKOFF);
            }
        }
        NetSuiteError error = response.ok() ? null : error(response);
        if (error != null && error.concurrencyLimit()) {
            throw http.throttled(response, what + ": " + error.message(), THROTTLE_BACKOFF);
        }
        if (response.status() == 403) {
            throw new ErpAccessDeniedException(settings.name() + ": NetSuite denied " + what + " (403 "
                    + error.message() + "); check the permissions of the role mapped to the integration");
        }
        if (response.status() >= 500 || response.status() >= 300 && response.status() < 400) {
            throw http.serverError(response, what + ": " + error.message());
        }
        return response;
    }

    private NetSuiteError error(ErpHttp.Response response) {
        return NetSuiteError.parse(response.status(), response.body(), json);
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String token) {
        return request.header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    private URI uri(String pathAndQuery) {
        return URI.create(settings.baseUrl() + pathAndQuery);
    }

    /** A text value as a SuiteQL string literal. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
