package dev.sluice.masterdata;

import dev.sluice.domain.AmendContract;
import dev.sluice.domain.ApproveTime;
import dev.sluice.domain.Command;
import dev.sluice.domain.CompleteMilestone;
import dev.sluice.domain.UpsertContract;
import dev.sluice.domain.UpsertProject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;

/**
 * Checks a write against the ERP's master data and documents (as they will stand once every
 * accepted write is delivered) and against the business rules, finding every violation, and
 * naming what it could not check because its copy lacks it while the ERP cannot answer.
 */
@ApplicationScoped
public class CommandValidator {

    private final ContractRules contracts;
    private final ProjectRules projects;
    private final TimeRules time;
    private final MilestoneRules milestones;

    CommandValidator(ContractRules contracts, ProjectRules projects, TimeRules time, MilestoneRules milestones) {
        this.contracts = contracts;
        this.projects = projects;
        this.time = time;
        this.milestones = milestones;
    }

    /** Checks a new write against everything accepted so far. */
    public ValidationResult check(Command command) {
        return check(command, null);
    }

    /**
     * Checks a write as it would have been checked when it was accepted at {@code acceptedAt}
     * (null: now), had the gateway known then what it knows now: against the writes accepted
     * before it, not those accepted after.
     */
    public ValidationResult check(Command command, OffsetDateTime acceptedAt) {
        return switch (command.type()) {
            case CONTRACT_UPSERT -> contracts.check((UpsertContract) command);
            case CHANGE_ORDER -> contracts.check((AmendContract) command, acceptedAt);
            case PROJECT_UPSERT -> projects.check((UpsertProject) command, acceptedAt);
            case TIME_APPROVAL -> time.check((ApproveTime) command, acceptedAt);
            case MILESTONE_COMPLETION -> milestones.check((CompleteMilestone) command, acceptedAt);
        };
    }
}
