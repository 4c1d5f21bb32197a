package dev.sluice.domain;

import java.util.List;

/** A batch of approved time entries. */
public record ApproveTime(List<TimeEntry> entries) implements Command {

    public ApproveTime {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    @Override
    public OperationType type() {
        return OperationType.TIME_APPROVAL;
    }

    @Override
    public String businessKey() {
        return null;
    }
}
