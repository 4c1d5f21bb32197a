package dev.sluice.masterdata;

import dev.sluice.domain.ContractState;
import dev.sluice.domain.MasterDataType;
import dev.sluice.domain.MasterRecord;
import dev.sluice.domain.TaskTerms;
import dev.sluice.domain.UpsertProject;
import dev.sluice.erp.routing.ErpRouting;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Rules for creating and updating projects. */
@ApplicationScoped
class ProjectRules {

    private final MasterData masterData;
    private final EffectiveDocuments documents;

    private final ErpRouting routing;

    ProjectRules(MasterData masterData, EffectiveDocuments documents, ErpRouting routing) {
        this.masterData = masterData;
        this.documents = documents;
        this.routing = routing;
    }

    ValidationResult check(UpsertProject project, OffsetDateTime acceptedBefore) {
        Violations violations = new Violations();
        Lookup<ContractState> contract = documents.contract(project.contractNumber(), acceptedBefore);
        if (contract.isAbsent()) {
            violations.add("/contractNumber", "UNKNOWN_CONTRACT", "no contract " + project.contractNumber()
                    + " in the ERP or accepted for it");
        } else if (contract.isUndecided()) {
            violations.undecidedDocument("/contractNumber", "contract " + project.contractNumber());
        }
        String legalEntity = contract.value().map(ContractState::legalEntity).orElse(null);
        String backend = routing.backendNameFor(legalEntity);
        Lookup<MasterRecord.Employee> manager = masterData.lookup(backend, MasterDataType.EMPLOYEES,
                project.projectManager());
        if (manager.isAbsent()) {
            violations.add("/projectManager", "UNKNOWN_EMPLOYEE", "no employee " + project.projectManager()
                    + " in the ERP");
        } else if (manager.isUndecided()) {
            violations.undecided("/projectManager", "employee " + project.projectManager());
        } else if (manager.value().orElseThrow().status() == MasterRecord.Employee.Status.TERMINATED) {
            violations.add("/projectManager", "EMPLOYEE_TERMINATED", "employee " + project.projectManager()
                    + " left on " + manager.value().orElseThrow().terminationDate());
        }
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < project.tasks().size(); i++) {
            TaskTerms task = project.tasks().get(i);
            String at = "/tasks/" + i;
            if (!codes.add(task.taskCode())) {
                violations.add(at + "/taskCode", "DUPLICATE_TASK", "task " + task.taskCode()
                        + " appears more than once");
            }
            if (contract.isFound() && contract.value().orElseThrow().line(task.contractLine()).isEmpty()) {
                violations.add(at + "/contractLine", "UNKNOWN_CONTRACT_LINE", "contract " + project.contractNumber()
                        + " has no line " + task.contractLine());
            }
        }
        return violations.checked(List.of(new ValidationResult.Routed(project.contractNumber(), project, backend, legalEntity)));
    }
}
