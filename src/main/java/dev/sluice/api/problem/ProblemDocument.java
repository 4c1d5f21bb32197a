package dev.sluice.api.problem;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An RFC 9457 problem document as every contract the gateway serves defines it ({@code Problem}),
 * whatever its version: members left null are left out.
 *
 * @param errors every violation, each with a pointer into the request
 * @param violatedPolicies for {@code quota-exceeded}, the rate-limit policies the request exceeded
 */
public record ProblemDocument(String type, String title, int status, String detail, String instance,
        String correlationId, List<Error> errors,
        @JsonProperty("violated-policies") List<String> violatedPolicies) {

    /** One violation: where, a stable code, and a sentence for a person. */
    public record Error(String pointer, String code, String detail) {
    }

    /** The same document naming the rate-limit policies the request exceeded. */
    public ProblemDocument withViolatedPolicies(List<String> policies) {
        return new ProblemDocument(type, title, status, detail, instance, correlationId, errors,
                policies.isEmpty() ? null : List.copyOf(policies));
    }
}
