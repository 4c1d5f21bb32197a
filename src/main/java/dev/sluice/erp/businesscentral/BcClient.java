package dev.sluice.erp.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.erp.ErpUnavailableException;
import dev.sluice.erp.http.ErpHttp;
import dev.sluice.erp.http.TokenCache;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Business Central's API v2.0 for one company, as the adapter needs it: reads that follow
 * {@code @odata.nextLink}, creates, {@code If-Match} updates and bound actions, each with a
 * bearer token (fetched again once after a 401) and with failures mapped by {@link BcErrors}.
 */
final class BcClient {

    private final BusinessCentralSettings settings;
    private final ErpHttp http;
    private final TokenCache tokens;
    private final ObjectMapper json;
    private final BcErrors errors;
    private final String traceparent;

    BcClient(BusinessCentralSettings settings, ErpHttp http, TokenCache tokens, ObjectMapper json) {
        this(settings, http, tokens, json, null);
    }

    private BcClient(BusinessCentralSettings settings, ErpHttp http, TokenCache tokens, ObjectMapper json,
            String traceparent) {
        this.settings = settings;
        this.http = http;
        this.tokens = tokens;
        this.json = json;
        this.errors = new BcErrors(http, json);
        this.traceparent = traceparent;
    }

    /** The same client, sending the caller's W3C trace context with every request, so a trace reaches BC. */
    BcClient traced(String traceparent) {
        return traceparent == null ? this : new BcClient(settings, http, tokens, json, traceparent);
    }

    /** The company itself ({@code GET companies({id})}). */
    JsonNode company() {
        String root = settings.companyRoot();
        return read(URI.create(root.substring(0, root.length() - 1)), "GET companies");
    }

    /** Every member of a collection the query selects, across all pages. */
    List<JsonNode> all(String path, ODataQuery query) {
        return upTo(path, query, Integer.MAX_VALUE);
    }

    /**
     * Members of a collection in the order BC serves them, following {@code @odata.nextLink} until
     * {@code max} are read or there are no more pages.
     */
    List<JsonNode> upTo(String path, ODataQuery query, int max) {
        List<JsonNode> members = new ArrayList<>();
        String encoded = query.encoded();
        URI next = URI.create(settings.companyRoot() + path + (encoded.isEmpty() ? "" : "?" + encoded));
        while (next != null && members.size() < max) {
            JsonNode page = read(next, "GET " + path);
            for (JsonNode member : page.path("value")) {
                if (members.size() < max) {
                    members.add(member);
                }
            }
            String link = page.path("@odata.nextLink").asText("");
            if (!link.isEmpty() && !link.startsWith(settings.baseUrl() + "/")) {
                // the bearer token goes with the next request: it must not go anywhere but BC
                throw new ErpUnavailableException(ErpUnavailableException.Cause.SERVER_ERROR, http.backend()
                        + " answered a next page outside its base URL: " + link);
            }
            next = link.isEmpty() ? null : URI.create(link);
        }
        return members;
    }

    /** The one member of an entity set whose {@code field} is {@code value}, if any. */
    Optional<JsonNode> first(BcSchema.Field field, String value) {
        List<JsonNode> found = upTo(field.set().path(), ODataQuery.where(ODataQuery.eq(field, value)).top(1), 1);
        return found.stream().findFirst();
    }

    /** Creates a member of {@code path} (a set, or a set under an entity) and answers it as BC stored it. */
    JsonNode create(String path, EntityBody body) {
        ErpHttp.Response response = exchange("POST", URI.create(settings.companyRoot() + path), body, null,
                "POST " + body.set().path());
        return parse(response, "POST " + body.set().path());
    }

    JsonNode create(EntityBody body) {
        return create(body.set().path(), body);
    }

    /**
     * Updates {@code entity} with the changes {@code changes} derives from it, sent with its
     * {@code @odata.etag} in {@code If-Match}. When BC says the entity changed meanwhile
     * ({@code Request_EntityChanged}) it is read again ({@code reread}) and the update tried once
     * more; no changes means no request.
     */
    JsonNode update(BcSchema.EntitySet set, JsonNode entity, Supplier<JsonNode> reread,
            Function<JsonNode, EntityBody> changes) {
        JsonNode current = entity;
        for (int attempt = 1; ; attempt++) {
            EntityBody body = changes.apply(current);
            if (body.isEmpty()) {
                return current;
            }
            String id = current.path("id").asText();
            // BC serves @odata.etag on every entity it answers; "*" would only stand in if one came without
            String etag = current.path("@odata.etag").asText("*");
            try {
                ErpHttp.Response response = exchange("PATCH", URI.create(settings.companyRoot() + entity(set, id)),
                        body, etag, "PATCH " + set.path());
                return parse(response, "PATCH " + set.path());
            } catch (BcStaleEtag stale) {
                if (attempt == 2) {
                    throw new ErpUnavailableException(ErpUnavailableException.Cause.SERVER_ERROR, http.backend()
                            + " changed " + set.path() + "(" + id + ") again while it was being updated: "
                            + stale.getMessage(), BcErrors.THROTTLE_BACKOFF, stale);
                }
                current = reread.get();
            }
        }
    }

    /** Calls a bound action on one entity, e.g. {@code POST salesInvoices({id})/Microsoft.NAV.post}. */
    void invoke(BcSchema.BoundAction action, String id) {
        String what = "POST " + action.boundTo().path() + "/" + action.segment();
        exchange("POST", URI.create(settings.companyRoot() + entity(action.boundTo(), id) + "/" + action.segment()),
                null, null, what);
    }

    /** The path of one entity, e.g. {@code projects(0f0e...)}. */
    static String entity(BcSchema.EntitySet set, String id) {
        return set.path() + "(" + id + ")";
    }

    private JsonNode read(URI uri, String what) {
        return parse(exchange("GET", uri, null, null, what), what);
    }

    /**
     * Sends one request with the current token; after a 401 the token is dropped and the request
     * sent once more with a new one. Answers only successes; failures are thrown as mapped.
     */
    private ErpHttp.Response exchange(String method, URI uri, EntityBody body, String etag, String what) {
        for (int attempt = 1; ; attempt++) {
            String token = tokens.get();
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json");
            if (traceparent != null) {
                request.header("traceparent", traceparent);
            }
            if (etag != null) {
                request.header("If-Match", etag);
            }
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body.json().toString()));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            ErpHttp.Response response = http.send(request);
            if (response.ok()) {
                return response;
            }
            if (response.status() == 401 && attempt == 1) {
                // an expired or revoked token: one more try with a fresh one tells that from bad credentials
                tokens.refused(token);
                continue;
            }
            throw errors.failure(response, what);
        }
    }

    private JsonNode parse(ErpHttp.Response response, String what) {
        if (response.body() == null || response.body().isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw http.serverError(response, what + " answered something other than JSON");
        }
    }
}
