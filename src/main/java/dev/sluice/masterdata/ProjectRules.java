package dev.sluice.masterdata;

import dev.sluice.delivery.Acceptance;
import dev.sluice.delivery.Aggregates;
import dev.sluice.domain.ContractState;
import dev.sluice.domain.MasterDataType;
import dev.sluice.domain.MasterRecord;
import dev.sluice.domain.TaskTerms;
import dev.sluice.domain.UpsertProject;
import dev.sluice.erp.routing.ErpRouting;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
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

    Checked check(UpsertProject project) {
        Violations violations = new Violations();
        Optional<ContractState> contract = documents.contract(project.contractNumber());
        if (contract.isEmpty()) {
            violations.add("/contractNumber", "UNKNOWN_CONTRACT", "no contract " + project.contractNumber()
                    + " in the ERP or accepted for it");
        }
        String backend = routing.backendNameFor(contract.map(ContractState::legalEntity).orElse(null));
        Optional<MasterRecord.Employee> manager = masterData.find(backend, MasterDataType.EMPLOYEES,
                project.projectManager());
        if (manager.isEmpty()) {
            violations.add("/projectManager", "UNKNOWN_EMPLOYEE", "no employee " + project.projectManager()
                    + " in the ERP");
        } else if (manager.get().status() == MasterRecord.Employee.Status.TERMINATED) {
            violations.add("/projectManager", "EMPLOYEE_TERMINATED", "employee " + project.projectManager()
                    + " left on " + manager.get().terminationDate());
        }
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < project.tasks().size(); i++) {
            TaskTerms task = project.tasks().get(i);
            String at = "/tasks/" + i;
            if (!codes.add(task.taskCode())) {
                violations.add(at + "/taskCode", "DUPLICATE_TASK", "task " + task.taskCode()
                        + " appears more than once");
            }
            if (contract.isPresent() && contract.get().line(task.contractLine()).isEmpty()) {
                violations.add(at + "/contractLine", "UNKNOWN_CONTRACT_LINE", "contract " + project.contractNumber()
                        + " has no line " + task.contractLine());
            }
        }
        return new Checked(violations.list(), List.of(new Acceptance.Part("project",
                Aggregates.contract(project.contractNumber()), project, backend)));
    }
}
