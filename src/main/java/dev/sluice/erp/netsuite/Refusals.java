package dev.sluice.erp.netsuite;

import dev.sluice.domain.Violation;
import dev.sluice.erp.PostingOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns NetSuite's refusal of one record into the gateway's: NetSuite's own message as the
 * reason, and each error's {@code o:errorPath} (a path into the record sent, e.g.
 * {@code item.items[0].item}) mapped back to a JSON Pointer into the caller's request through
 * the paths the mapping noted when it built the record. A path it cannot map points at
 * {@code base} (the request part the record came from, or the whole request).
 */
final class Refusals {

    private Refusals() {
    }

    /** Violations found before anything was sent: references NetSuite does not have. */
    static final class Unresolved extends RuntimeException {
        private final transient List<Violation> violations;

        Unresolved(List<Violation> violations) {
            super("NetSuite does not know records the write refers to");
            this.violations = List.copyOf(violations);
        }

        List<Violation> violations() {
            return violations;
        }
    }

    static PostingOutcome.Refused unresolved(Unresolved unresolved) {
        return new PostingOutcome.Refused(unresolved.getMessage(), unresolved.violations());
    }

    /**
     * @param pointers NetSuite field path → pointer into the request, as the mapping wrote the record
     */
    static PostingOutcome.Refused of(NetSuiteClient.Refusal refusal, Map<String, String> pointers, String base) {
        NetSuiteError error = refusal.error();
        List<Violation> violations = new ArrayList<>();
        for (NetSuiteError.Detail detail : error.details()) {
            violations.add(new Violation(pointer(detail.path(), pointers, base),
                    detail.code().isEmpty() ? "NETSUITE_REFUSED" : detail.code(), detail.detail()));
        }
        if (violations.isEmpty()) {
            violations.add(new Violation(base, "NETSUITE_REFUSED", error.message()));
        }
        return new PostingOutcome.Refused(error.message(), violations);
    }

    /** The pointer for a NetSuite path: exact, else that of its nearest enclosing path, else {@code base}. */
    static String pointer(String path, Map<String, String> pointers, String base) {
        String candidate = path;
        while (candidate != null && !candidate.isEmpty()) {
            String mapped = pointers.get(candidate);
            if (mapped != null) {
                return mapped;
            }
            int cut = Math.max(candidate.lastIndexOf('.'), candidate.lastIndexOf('['));
            candidate = cut < 0 ? null : candidate.substring(0, cut);
        }
        return base;
    }

    /** A refusal on its way out of a mapping, already in the gateway's terms. */
    static final class Refused extends RuntimeException {
        private final transient PostingOutcome.Refused outcome;

        Refused(PostingOutcome.Refused outcome) {
            super(outcome.reason());
            this.outcome = outcome;
        }

        PostingOutcome.Refused outcome() {
            return outcome;
        }
    }
}
