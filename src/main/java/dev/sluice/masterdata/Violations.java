package dev.sluice.masterdata;

import dev.sluice.domain.Violation;
import java.util.ArrayList;
import java.util.List;

/** Collects violations as rules find them, and what they could not check. */
final class Violations {

    private final List<Violation> found = new ArrayList<>();
    private final List<ValidationResult.Undecided> undecided = new ArrayList<>();

    void add(String pointer, String code, String detail) {
        found.add(new Violation(pointer, code, detail));
    }

    void add(Violation violation) {
        found.add(violation);
    }

    /** A master-data code the copy lacks while the ERP cannot answer: {@code what} names it, e.g. "employee EMP-9". */
    void undecided(String pointer, String what) {
        undecided.add(new ValidationResult.Undecided(pointer, what + " is not in the gateway's copy of the ERP's master data,"
                + " and the ERP cannot answer now", false));
    }

    /** A contract or project the gateway does not know while the ERP cannot answer: where the write goes is unknown. */
    void undecidedDocument(String pointer, String what) {
        undecided.add(new ValidationResult.Undecided(pointer, what + " is neither known to the gateway nor accepted by it,"
                + " and the ERP cannot answer now", true));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    List<Violation> list() {
        return List.copyOf(found);
    }

    ValidationResult checked(List<ValidationResult.Routed> parts) {
        return new ValidationResult(found, undecided, parts);
    }
}
