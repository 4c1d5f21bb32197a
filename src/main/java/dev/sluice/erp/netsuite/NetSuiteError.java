package dev.sluice.erp.netsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * NetSuite's error body, {@code {"type","title","status","o:errorDetails":[{"detail","o:errorCode",
 * "o:errorPath"}]}}, as far as it could be read; a body that is not one yields the title alone.
 */
record NetSuiteError(int status, String title, List<Detail> details) {

    /** One error: NetSuite's sentence, its code, and the field it is about (a path into the record sent), if any. */
    record Detail(String detail, String code, String path) {
    }

    NetSuiteError {
        details = List.copyOf(details);
    }

    static NetSuiteError parse(int status, String body, ObjectMapper json) {
        List<Detail> details = new ArrayList<>();
        String title = "HTTP " + status;
        try {
            JsonNode root = body == null || body.isBlank() ? null : json.readTree(body);
            if (root != null && root.isObject()) {
                title = root.path("title").asText(title);
                for (JsonNode d : root.path("o:errorDetails")) {
                    details.add(new Detail(d.path("detail").asText(""), d.path("o:errorCode").asText(""),
                            d.hasNonNull("o:errorPath") ? d.path("o:errorPath").asText() : null));
                }
            }
        } catch (java.io.IOException notJson) {
            // a proxy's HTML page, say: the status and title are all there is to go on
        }
        return new NetSuiteError(status, title, details);
    }

    /** NetSuite's own words: the details joined, or the title when there are none. */
    String message() {
        if (details.isEmpty()) {
            return title;
        }
        return String.join("; ", details.stream().map(Detail::detail).filter(d -> !d.isBlank()).toList());
    }

    /**
     * Whether this is the account's concurrency governance rejecting the request: a 429, or any
     * answer whose code or detail says the concurrent request limit was exceeded.
     */
    boolean concurrencyLimit() {
        if (status == 429) {
            return true;
        }
        return details.stream().anyMatch(d -> d.code().toUpperCase(Locale.ROOT).contains("CONCURRENCY")
                || d.code().toUpperCase(Locale.ROOT).contains("REQUEST_LIMIT")
                || d.detail().toLowerCase(Locale.ROOT).contains("concurrent request limit"));
    }
}
