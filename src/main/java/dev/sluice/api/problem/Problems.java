package dev.sluice.api.problem;

import dev.sluice.domain.Violation;
import dev.sluice.problem.ProblemKind;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** Renders problems as every contract's {@code Problem} schema, {@code application/problem+json}. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** More violations than this are summarised rather than listed. */
    static final int MAX_LISTED = 1000;

    private Problems() {
    }

    public static ProblemDocument problem(ProblemKind kind, String detail, String instance, String correlationId,
            List<Violation> violations) {
        List<ProblemDocument.Error> errors = violations.isEmpty() ? null : violations.stream().limit(MAX_LISTED)
                .map(v -> new ProblemDocument.Error(v.pointer(), v.code(), v.detail()))
                .toList();
        String said = violations.size() > MAX_LISTED ? detail + "; the first " + MAX_LISTED + " are listed" : detail;
        return new ProblemDocument(kind.type(), kind.title(), kind.status(), said, instance, correlationId, errors,
                null);
    }

    public static Response response(ProblemKind kind, String detail, String instance, String correlationId,
            List<Violation> violations, Map<String, String> headers) {
        Response.ResponseBuilder builder = Response.status(kind.status())
                .type(MEDIA_TYPE)
                .entity(problem(kind, detail, instance, correlationId, violations));
        headers.forEach(builder::header);
        return builder.build();
    }
}
