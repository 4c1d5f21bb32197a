package dev.sluice.masterdata;

import dev.sluice.delivery.Acceptance;
import dev.sluice.domain.Violation;
import java.util.List;

/**
 * The result of checking a write against the ERP: every violation found, and, when there is
 * none, the parts in which it goes to the ERP.
 */
public record Checked(List<Violation> violations, List<Acceptance.Part> parts) {

    public Checked {
        violations = List.copyOf(violations);
        parts = List.copyOf(parts);
    }

    public boolean valid() {
        return violations.isEmpty();
    }
}
