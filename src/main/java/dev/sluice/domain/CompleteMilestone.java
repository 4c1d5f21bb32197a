package dev.sluice.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** Progress on a milestone, and the customer's acceptance of it when {@code accepted}. */
public record CompleteMilestone(
        String projectCode,
        String milestoneCode,
        BigDecimal percentComplete,
        boolean accepted,
        String acceptedBy,
        OffsetDateTime acceptedAt,
        String note) implements Command {

    @Override
    public OperationType type() {
        return OperationType.MILESTONE_COMPLETION;
    }

    @Override
    public String businessKey() {
        return projectCode + "/" + milestoneCode;
    }
}
