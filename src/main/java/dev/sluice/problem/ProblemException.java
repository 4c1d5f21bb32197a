package dev.sluice.problem;

import dev.sluice.domain.Violation;
import java.util.List;
import java.util.Map;

/** A failure to report to the caller as a problem document; never carries a stack trace out. */
public class ProblemException extends RuntimeException {

    private final ProblemKind kind;
    private final List<Violation> violations;
    private final transient Map<String, String> headers;
    private final List<String> violatedPolicies;

    public ProblemException(ProblemKind kind, String detail, List<Violation> violations, Map<String, String> headers) {
        this(kind, detail, violations, headers, List.of());
    }

    private ProblemException(ProblemKind kind, String detail, List<Violation> violations, Map<String, String> headers,
            List<String> violatedPolicies) {
        super(detail, null, false, false);
        this.kind = kind;
        this.violations = List.copyOf(violations);
        this.headers = Map.copyOf(headers);
        this.violatedPolicies = List.copyOf(violatedPolicies);
    }

    /** A request refused by the caller's rate-limit policies, naming the ones it exceeded. */
    public static ProblemException quotaExceeded(String detail, List<String> violatedPolicies,
            Map<String, String> headers) {
        return new ProblemException(ProblemKind.QUOTA_EXCEEDED, detail, List.of(), headers, violatedPolicies);
    }

    public ProblemException(ProblemKind kind, String detail, List<Violation> violations) {
        this(kind, detail, violations, Map.of());
    }

    public ProblemException(ProblemKind kind, String detail) {
        this(kind, detail, List.of(), Map.of());
    }

    /** A problem listing violations, with a detail that counts them. */
    public static ProblemException of(ProblemKind kind, List<Violation> violations) {
        String detail = violations.size() == 1 ? "1 violation" : violations.size() + " violations";
        return new ProblemException(kind, detail, violations);
    }

    public ProblemKind kind() {
        return kind;
    }

    public String detail() {
        return getMessage();
    }

    public List<Violation> violations() {
        return violations;
    }

    /** For {@link ProblemKind#QUOTA_EXCEEDED}: the rate-limit policies the request exceeded. */
    public List<String> violatedPolicies() {
        return violatedPolicies;
    }

    /** Headers the answer must carry (e.g. {@code Allow}, {@code Retry-After}). */
    public Map<String, String> headers() {
        return headers;
    }
}
