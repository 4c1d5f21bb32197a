package dev.sluice.problem;

/**
 * Every kind of failure the gateway reports, with its HTTP status, problem {@code type} and
 * title. This table is the one place a failure gets its status; see {@code docs/problems.md}.
 */
public enum ProblemKind {
    INVALID_REQUEST(400, "invalid-request", "The request does not match the API contract"),
    MALFORMED_JSON(400, "malformed-json", "The request body is not well-formed JSON"),
    UNAUTHORIZED(401, "unauthorized", "A valid bearer token is required"),
    INSUFFICIENT_SCOPE(403, "insufficient-scope", "The token lacks the scope this operation requires"),
    NOT_FOUND(404, "not-found", "Nothing is known under this identifier"),
    NO_SUCH_ROUTE(404, "no-such-route", "No operation answers at this path"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "This path does not support the method"),
    NOT_ACCEPTABLE(406, "not-acceptable", "The gateway cannot answer in a media type the request accepts"),
    CLIENT_EXISTS(409, "client-exists", "A client with this name exists"),
    IDEMPOTENCY_KEY_IN_USE(409, "idempotency-key-in-use", "A request with this Idempotency-Key is still being accepted"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "The request body is larger than the gateway accepts"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "The request body must be application/json"),
    VALIDATION_FAILED(422, "validation-failed", "The request breaks business rules or master data"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused", "This Idempotency-Key was used for a different request"),
    ERP_REFUSED(422, "erp-refused", "The ERP refused the write"),
    DISCARDED(422, "discarded", "An operator discarded the write after its delivery failed"),
    QUOTA_EXCEEDED(429, "quota-exceeded", "The caller's rate limit or quota is exhausted"),
    INTERNAL_ERROR(500, "internal-error", "The gateway failed to answer; the failure is logged under the correlation id"),
    DELIVERY_EXHAUSTED(502, "delivery-exhausted", "Delivery to the ERP was given up after repeated failures"),
    SERVICE_UNAVAILABLE(503, "service-unavailable", "The gateway cannot take the request now");

    private static final String TYPE_BASE = "https://sluice.dev/problems/";

    private final int status;
    private final String slug;
    private final String title;

    ProblemKind(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String type() {
        return TYPE_BASE + slug;
    }

    public String title() {
        return title;
    }
}
