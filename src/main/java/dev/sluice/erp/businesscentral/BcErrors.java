package dev.sluice.erp.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.erp.ErpAccessDeniedException;
import dev.sluice.erp.http.ErpHttp;
import java.io.IOException;
import java.time.Duration;

/**
 * What a failed Business Central answer means for the gateway, from its status and its OData error
 * {@code {"error":{"code","message"}}}. The code families are BC's own (see its "Error Codes"
 * reference): {@code BadRequest_*} and {@code Application_*} are the request's fault,
 * {@code Authentication_*} and {@code Authorization_*} the credentials', {@code Internal_*} the
 * server's unless the status says the data was at fault.
 */
final class BcErrors {

    /**
     * BC promises no {@code Retry-After} on 429 (it throttles per 5-minute window), so the
     * dispatcher waits at least this long unless the answer names a wait.
     */
    static final Duration THROTTLE_BACKOFF = Duration.ofSeconds(5);

    private final ErpHttp http;
    private final ObjectMapper json;

    BcErrors(ErpHttp http, ObjectMapper json) {
        this.http = http;
        this.json = json;
    }

    /** BC's error code and message, as far as the body carries them. */
    record ODataError(String code, String message) {
    }

    ODataError parse(ErpHttp.Response response) {
        try {
            JsonNode error = json.readTree(response.body() == null ? "" : response.body()).path("error");
            String code = error.path("code").asText("");
            String message = error.path("message").asText("");
            return new ODataError(code, message.isBlank() ? "HTTP " + response.status() : message);
        } catch (IOException | RuntimeException e) {
            return new ODataError("", "HTTP " + response.status());
        }
    }

    /**
     * The exception a failed answer stands for: a {@link BcRefusal}, a {@link BcStaleEtag}, an
     * {@link ErpAccessDeniedException} or an {@link dev.sluice.erp.ErpUnavailableException}.
     *
     * @param what the request, for messages, e.g. {@code POST salesInvoices}
     */
    RuntimeException failure(ErpHttp.Response response, String what) {
        ODataError error = parse(response);
        String code = error.code();
        int status = response.status();
        if (status == 429) {
            return http.throttled(response, what + ": " + error.message(), THROTTLE_BACKOFF);
        }
        if ("Request_EntityChanged".equals(code)) {
            return new BcStaleEtag(what + ": " + error.message());
        }
        if (status == 401 || status == 403 || code.startsWith("Authentication_") || code.startsWith("Authorization_")) {
            return new ErpAccessDeniedException(http.backend() + " refused the gateway's access (" + what + ", "
                    + (code.isEmpty() ? "HTTP " + status : code) + "): " + error.message()
                    + "; check the app registration's permissions in Business Central and Entra ID");
        }
        if ("Internal_CompanyNotFound".equals(code)) {
            // retrying will not find a company that is not there: the settings are wrong
            return new ErpAccessDeniedException(http.backend() + " has no such company (" + what + "): "
                    + error.message() + "; check company-id and environment");
        }
        if (status >= 500 || "Internal_ServerError".equals(code) || "Internal_TenantUnavailable".equals(code)) {
            return http.serverError(response, what + (code.isEmpty() ? "" : " (" + code + ")") + ": "
                    + error.message());
        }
        // every other 4xx: the request or the data it names is at fault, whatever the family
        return new BcRefusal(code.isEmpty() ? "HTTP_" + status : code, error.message());
    }
}
