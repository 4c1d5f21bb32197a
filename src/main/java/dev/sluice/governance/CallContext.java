package dev.sluice.governance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.domain.Violation;
import jakarta.enterprise.context.RequestScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the edge learned about the current request, for the steps after it: the correlation id,
 * the caller's trace context, and the request body as validated against the contract.
 */
@RequestScoped
public class CallContext {

    private String correlationId;
    private OffsetDateTime receivedAt;
    private String method;
    private String path;
    private String traceparent;
    private JsonNode body;
    private Caller caller;
    private String operation;
    private final List<Violation> parameterViolations = new ArrayList<>();
    private Map<String, String> rateLimitHeaders = Map.of();

    public String correlationId() {
        return correlationId;
    }

    void correlationId(String correlationId) {
        this.correlationId = correlationId;
    }

    /** When the request reached the gateway. */
    public OffsetDateTime receivedAt() {
        return receivedAt;
    }

    void receivedAt(OffsetDateTime receivedAt) {
        this.receivedAt = receivedAt;
    }

    /** The request's method and path, e.g. {@code POST /api/v1/time-approvals}. */
    public String target() {
        return method + " " + path;
    }

    void target(String method, String path) {
        this.method = method;
        this.path = path;
    }

    /** The caller's W3C {@code traceparent}, when it sent a well-formed one. */
    public String traceparent() {
        return traceparent;
    }

    void traceparent(String traceparent) {
        this.traceparent = traceparent;
    }

    /** Who is calling; set by {@link AccessControl} before any operation runs. */
    public Caller caller() {
        if (caller == null) {
            throw new IllegalStateException("no caller: the operation was not authorized");
        }
        return caller;
    }

    void caller(Caller caller) {
        this.caller = caller;
    }

    public boolean hasCaller() {
        return caller != null;
    }

    /** The contract's id of the operation being served, e.g. {@code approveTime}. */
    public String operation() {
        return operation;
    }

    void operation(String operation) {
        this.operation = operation;
    }

    /** The request body as parsed and validated, or null when the operation takes none. */
    public JsonNode body() {
        return body;
    }

    public void body(JsonNode body) {
        this.body = body;
    }

    /** The RateLimit headers of the charge made for this request; empty when none was made. */
    public Map<String, String> rateLimitHeaders() {
        return rateLimitHeaders;
    }

    public void rateLimitHeaders(Map<String, String> headers) {
        this.rateLimitHeaders = Map.copyOf(headers);
    }

    /** Violations found in headers, path and query, to report together with the body's. */
    public List<Violation> parameterViolations() {
        return List.copyOf(parameterViolations);
    }

    public void addParameterViolations(List<Violation> violations) {
        parameterViolations.addAll(violations);
    }
}
