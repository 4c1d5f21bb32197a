package dev.sluice.delivery;

import dev.sluice.erp.PostingOutcome;
import java.time.Duration;

/** What became of one attempt to deliver a part, in the terms the delivery's states are decided by. */
sealed interface AttemptResult {

    /** The ERP answered: posted, or refused for reasons of its own. */
    record Answered(PostingOutcome outcome) implements AttemptResult {
    }

    /**
     * The attempt failed: {@code code} says how (an {@code ErpUnavailableException} cause,
     * {@code ACCESS_DENIED}, {@code NOT_ROUTED}, {@code UNEXPECTED}); {@code retryAfter} is the
     * ERP's own wait, when it gave one; a hopeless failure is dead-lettered at once, since no
     * later attempt can fare better until an operator acts.
     */
    record Failed(String code, String reason, Duration retryAfter, boolean hopeless) implements AttemptResult {

        static Failed retry(String code, String reason) {
            return new Failed(code, reason, null, false);
        }

        static Failed hopeless(String code, String reason) {
            return new Failed(code, reason, null, true);
        }
    }

    /** The ERP was not called (its circuit is open): no attempt counts; the part is due again after {@code delay}. */
    record NotCalled(Duration delay) implements AttemptResult {
    }
}
