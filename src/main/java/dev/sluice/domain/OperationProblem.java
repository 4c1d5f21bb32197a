package dev.sluice.domain;

import java.util.List;

/** Why an operation did not post: the ERP refused it, delivery was given up, or an operator discarded it. */
public record OperationProblem(Reason reason, String detail, List<Violation> violations) {

    public enum Reason { ERP_REFUSED, DELIVERY_EXHAUSTED, DISCARDED }

    public OperationProblem {
        violations = violations == null ? List.of() : List.copyOf(violations);
    }
}
