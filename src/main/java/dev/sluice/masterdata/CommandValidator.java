package dev.sluice.masterdata;

import dev.sluice.domain.AmendContract;
import dev.sluice.domain.ApproveTime;
import dev.sluice.domain.Command;
import dev.sluice.domain.CompleteMilestone;
import dev.sluice.domain.UpsertContract;
import dev.sluice.domain.UpsertProject;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Checks a write against the ERP's master data and documents (as they will stand once every
 * accepted write is delivered) and against the business rules, finding every violation.
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

    public Checked check(Command command) {
        return switch (command.type()) {
            case CONTRACT_UPSERT -> contracts.check((UpsertContract) command);
            case CHANGE_ORDER -> contracts.check((AmendContract) command);
            case PROJECT_UPSERT -> projects.check((UpsertProject) command);
            case TIME_APPROVAL -> time.check((ApproveTime) command);
            case MILESTONE_COMPLETION -> milestones.check((CompleteMilestone) command);
        };
    }
}
