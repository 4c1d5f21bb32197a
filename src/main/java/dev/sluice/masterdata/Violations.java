package dev.sluice.masterdata;

import dev.sluice.domain.Violation;
import java.util.ArrayList;
import java.util.List;

/** Collects violations as rules find them. */
final class Violations {

    private final List<Violation> found = new ArrayList<>();

    void add(String pointer, String code, String detail) {
        found.add(new Violation(pointer, code, detail));
    }

    void add(Violation violation) {
        found.add(violation);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    List<Violation> list() {
        return List.copyOf(found);
    }
}
