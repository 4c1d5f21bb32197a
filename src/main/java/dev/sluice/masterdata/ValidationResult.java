package dev.sluice.masterdata;

import dev.sluice.domain.Command;
import dev.sluice.domain.Violation;
import java.util.List;

/**
 * The result of checking a write: every violation found; what could not be checked because the
 * gateway's copy lacks it and the ERP cannot answer now; and, when the write can be routed, where
 * it goes: per contract, the part of the write for that contract and the ERP of its legal entity.
 */
public record ValidationResult(List<Violation> violations, List<Undecided> undecided, List<Routed> parts) {

    /**
     * The part of a write for one contract (a time batch spanning contracts has one per contract;
     * other writes have one), the legal entity it is booked in (null where not known) and the ERP
     * backend that legal entity is routed to.
     */
    public record Routed(String contractNumber, Command command, String backend, String legalEntity) {
    }

    /**
     * Something the gateway could not check alone: where in the request, and what. When
     * {@code routing}, the gateway cannot even tell which contract (and so which ERP, and which
     * order) the write belongs to.
     */
    public record Undecided(String pointer, String detail, boolean routing) {
    }

    public ValidationResult {
        violations = List.copyOf(violations);
        undecided = List.copyOf(undecided);
        parts = List.copyOf(parts);
    }

    /** No violation was found (though some checks may be undecided). */
    public boolean valid() {
        return violations.isEmpty();
    }

    /** Everything could be checked. */
    public boolean decided() {
        return undecided.isEmpty();
    }

    /** The gateway knows where each part of the write goes. */
    public boolean routable() {
        return undecided.stream().noneMatch(Undecided::routing);
    }
}
