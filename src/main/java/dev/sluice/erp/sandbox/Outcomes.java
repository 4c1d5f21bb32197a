package dev.sluice.erp.sandbox;

import dev.sluice.domain.ErpReference;
import dev.sluice.domain.Violation;
import dev.sluice.erp.PostingOutcome;
import java.util.List;

/** Shorthands for the sandbox's answers. */
final class Outcomes {

    private Outcomes() {
    }

    static PostingOutcome posted(ErpReference reference) {
        return new PostingOutcome.Posted(List.of(reference));
    }

    static PostingOutcome refused(String reason, Violation violation) {
        return new PostingOutcome.Refused(reason, List.of(violation));
    }

    static PostingOutcome refused(String reason, List<Violation> violations) {
        return new PostingOutcome.Refused(reason, violations);
    }
}
