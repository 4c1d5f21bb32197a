package dev.sluice.erp;

import dev.sluice.domain.ErpReference;
import dev.sluice.domain.Violation;
import java.math.BigDecimal;
import java.util.List;

/** What the ERP made of a delivery. */
public sealed interface PostingOutcome {

    /**
     * Posted; the documents the ERP produced (none when the posting repeated one already made),
     * and what the posting did to its books, where the ERP reports it.
     */
    record Posted(List<ErpReference> references, List<Effect> effects) implements PostingOutcome {
        public Posted {
            references = List.copyOf(references);
            effects = effects == null ? List.of() : List.copyOf(effects);
        }

        public Posted(List<ErpReference> references) {
            this(references, List.of());
        }
    }

    /** One line of the ERP's books a posting wrote: revenue, billing or cost, by the rule that produced it. */
    record Effect(String kind, String contractNumber, int lineNumber, BigDecimal amount, String currency, String rule,
            String documentId) {
    }

    /** Refused for a business reason; retrying will not help. */
    record Refused(String reason, List<Violation> violations) implements PostingOutcome {
        public Refused {
            violations = List.copyOf(violations);
        }
    }
}
