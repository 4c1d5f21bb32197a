package dev.sluice.erp.businesscentral;

import dev.sluice.domain.Violation;
import dev.sluice.erp.PostingOutcome;
import java.util.List;

/** A posting stops with a refusal the caller can act on; thrown from deep in a write, answered by the adapter. */
final class RefusedPosting extends RuntimeException {

    private final transient PostingOutcome.Refused outcome;

    RefusedPosting(String reason, List<Violation> violations) {
        super(reason);
        this.outcome = new PostingOutcome.Refused(reason, violations);
    }

    RefusedPosting(String reason, Violation violation) {
        this(reason, List.of(violation));
    }

    /** BC's own refusal, pointed at the part of our request it concerns. */
    static RefusedPosting of(BcRefusal refusal, String pointer) {
        return new RefusedPosting(refusal.getMessage(), new Violation(pointer, refusal.code(), refusal.getMessage()));
    }

    PostingOutcome.Refused outcome() {
        return outcome;
    }
}
