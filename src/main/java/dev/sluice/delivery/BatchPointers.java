package dev.sluice.delivery;

import dev.sluice.domain.ApproveTime;
import dev.sluice.domain.TimeEntry;
import dev.sluice.domain.Violation;
import java.util.List;

/**
 * A time batch is delivered in parts, one per contract, and the ERP's refusal of a part points
 * into that part's entries. The caller sent the whole batch, so its pointers are translated into
 * the whole request: {@code /entries/0} of a part becomes the index that entry had in the batch.
 */
final class BatchPointers {

    private BatchPointers() {
    }

    /** {@code violations} of {@code part}, pointing into {@code whole} instead. */
    static List<Violation> inWholeRequest(ApproveTime whole, ApproveTime part, List<Violation> violations) {
        return violations.stream().map(v -> inWholeRequest(whole.entries(), part.entries(), v)).toList();
    }

    private static Violation inWholeRequest(List<TimeEntry> whole, List<TimeEntry> part, Violation violation) {
        String pointer = violation.pointer();
        if (!pointer.startsWith("/entries/")) {
            return violation;
        }
        String rest = pointer.substring("/entries/".length());
        int slash = rest.indexOf('/');
        String index = slash < 0 ? rest : rest.substring(0, slash);
        int inPart;
        try {
            inPart = Integer.parseInt(index);
        } catch (NumberFormatException notAnIndex) {
            return violation;
        }
        if (inPart < 0 || inPart >= part.size()) {
            return violation;
        }
        int inWhole = whole.indexOf(part.get(inPart));
        if (inWhole < 0) {
            return violation;
        }
        return new Violation("/entries/" + inWhole + (slash < 0 ? "" : rest.substring(slash)), violation.code(),
                violation.detail());
    }
}
