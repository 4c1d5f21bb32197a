package dev.sluice.api.problem;

import dev.sluice.api.v1.model.Problem;
import dev.sluice.api.v1.model.ProblemError;
import dev.sluice.domain.Violation;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** Renders problems as the contract's {@code Problem} schema, {@code application/problem+json}. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** More violations than this are summarised rather than listed. */
    static final int MAX_LISTED = 1000;

    private Problems() {
    }

    public static Problem problem(ProblemKind kind, String detail, String instance, String correlationId,
            List<Violation> violations) {
        Problem problem = new Problem()
                .type(kind.type())
                .title(kind.title())
                .status(kind.status())
                .detail(detail)
                .instance(instance)
                .correlationId(correlationId);
        problem.setErrors(null);
        problem.setViolatedPolicies(null);
        if (!violations.isEmpty()) {
            problem.setErrors(violations.stream().limit(MAX_LISTED)
                    .map(v -> new ProblemError().pointer(v.pointer()).code(v.code()).detail(v.detail()))
                    .toList());
            if (violations.size() > MAX_LISTED) {
                problem.setDetail(detail + "; the first " + MAX_LISTED + " are listed");
            }
        }
        return problem;
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
