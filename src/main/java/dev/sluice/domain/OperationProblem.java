package dev.sluice.domain;

import java.util.List;

/**
 * Why an operation did not post: the ERP refused it, delivery was given up, an operator
 * discarded it, or a validation deferred at acceptance failed once the ERP answered.
 */
public record OperationProblem(Reason reason, String detail, List<Violation> violations) {

    public enum Reason { ERP_REFUSED, DELIVERY_EXHAUSTED, DISCARDED, VALIDATION_FAILED }

    public OperationProblem {
        violations = violations == null ? List.of() : List.copyOf(violations);
    }
}
