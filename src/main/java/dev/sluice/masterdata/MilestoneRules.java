package dev.sluice.masterdata;

import dev.sluice.domain.CompleteMilestone;
import dev.sluice.domain.ContractState;
import dev.sluice.domain.ProjectState;
import dev.sluice.erp.routing.ErpRouting;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** Rules for milestone progress and acceptance. */
@ApplicationScoped
class MilestoneRules {

    private static final BigDecimal COMPLETE = BigDecimal.valueOf(100);

    private final EffectiveDocuments documents;

    private final ErpRouting routing;

    MilestoneRules(EffectiveDocuments documents, ErpRouting routing) {
        this.documents = documents;
        this.routing = routing;
    }

    ValidationResult check(CompleteMilestone completion, OffsetDateTime acceptedBefore) {
        Violations violations = new Violations();
        if (completion.percentComplete().compareTo(COMPLETE) > 0) {
            violations.add("/percentComplete", "PERCENT_OUT_OF_RANGE", "percent complete is at most 100");
        }
        if (completion.accepted()) {
            if (completion.acceptedBy() == null) {
                violations.add("/acceptedBy", "ACCEPTANCE_INCOMPLETE", "an acceptance names who accepted");
            }
            if (completion.acceptedAt() == null) {
                violations.add("/acceptedAt", "ACCEPTANCE_INCOMPLETE", "an acceptance says when it was accepted");
            }
            if (completion.percentComplete().compareTo(COMPLETE) != 0) {
                violations.add("/percentComplete", "PERCENT_OUT_OF_RANGE", "an accepted milestone is 100 % complete");
            }
        }
        Lookup<ProjectState> project = documents.project(completion.projectCode(), acceptedBefore);
        if (project.isAbsent()) {
            violations.add("path:projectCode", "UNKNOWN_PROJECT", "no project " + completion.projectCode()
                    + " in the ERP or accepted for it");
            return violations.checked(List.of());
        }
        if (project.isUndecided()) {
            violations.undecidedDocument("path:projectCode", "project " + completion.projectCode());
            return violations.checked(List.of());
        }
        String contractNumber = project.value().orElseThrow().contractNumber();
        Lookup<ContractState> contract = documents.contract(contractNumber, acceptedBefore);
        if (contract.isUndecided()) {
            violations.undecidedDocument("path:projectCode", "contract " + contractNumber + " of project "
                    + completion.projectCode());
            return violations.checked(List.of());
        }
        boolean onContract = contract.isFound() && contract.value().orElseThrow().lines().stream()
                .anyMatch(l -> l.terms().milestone(completion.milestoneCode()).isPresent());
        if (!onContract) {
            violations.add("path:milestoneCode", "MILESTONE_NOT_ON_CONTRACT", "contract " + contractNumber
                    + " of project " + completion.projectCode() + " has no milestone " + completion.milestoneCode());
        }
        String legalEntity = contract.value().map(ContractState::legalEntity).orElse(null);
        return violations.checked(List.of(new ValidationResult.Routed(contractNumber, completion,
                routing.backendNameFor(legalEntity), legalEntity)));
    }
}
