package dev.sluice.erp;

import dev.sluice.domain.ErpReference;
import dev.sluice.domain.Violation;
import java.util.List;

/** What the ERP made of a delivery. */
public sealed interface PostingOutcome {

    /** Posted; the documents the ERP produced (none when the posting repeated one already made). */
    record Posted(List<ErpReference> references) implements PostingOutcome {
        public Posted {
            references = List.copyOf(references);
        }
    }

    /** Refused for a business reason; retrying will not help. */
    record Refused(String reason, List<Violation> violations) implements PostingOutcome {
        public Refused {
            violations = List.copyOf(violations);
        }
    }
}
