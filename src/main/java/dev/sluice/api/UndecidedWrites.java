package dev.sluice.api;

import dev.sluice.domain.Violation;
import dev.sluice.governance.ValidationPolicies;
import dev.sluice.masterdata.ValidationResult;
import dev.sluice.problem.ProblemException;
import dev.sluice.problem.ProblemKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A write the gateway could not fully check alone (its copy lacks a code and the ERP cannot
 * answer): accepted with validation deferred where the validation policy says so, or refused with
 * 503 and Retry-After. A write whose contract the gateway cannot tell is refused whatever the
 * policy says: it could not be queued in its contract's order.
 */
@ApplicationScoped
class UndecidedWrites {

    private final ValidationPolicies policies;

    UndecidedWrites(ValidationPolicies policies) {
        this.policies = policies;
    }

    /** What was not checked, for the operation's lineage; or the refusal, thrown. */
    String deferOrRefuse(ValidationResult checked, String operationId) {
        ValidationPolicies.Policy policy = policies.current();
        List<Violation> unchecked = checked.undecided().stream()
                .map(u -> new Violation(u.pointer(), "NOT_VERIFIED", u.detail())).toList();
        Map<String, String> retryAfter = Map.of("Retry-After", Long.toString(policy.retryAfter().toSeconds()));
        if (!checked.routable()) {
            throw new ProblemException(ProblemKind.SERVICE_UNAVAILABLE, "The ERP cannot answer now and the gateway "
                    + "does not know the contract or project this write is for, so it cannot queue it in its contract's"
                    + " order; nothing was accepted", unchecked, retryAfter);
        }
        if (policy.forOperation(operationId) == ValidationPolicies.WhenUndecided.REFUSE) {
            throw new ProblemException(ProblemKind.SERVICE_UNAVAILABLE, "The ERP cannot answer now and the gateway "
                    + "cannot check everything in this write alone; the validation policy refuses such "
                    + operationId + " writes until the ERP answers; nothing was accepted", unchecked, retryAfter);
        }
        return checked.undecided().stream().map(u -> u.pointer() + " (" + u.detail() + ")")
                .collect(Collectors.joining("; "));
    }
}
