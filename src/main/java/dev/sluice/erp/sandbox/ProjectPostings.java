package dev.sluice.erp.sandbox;

import static dev.sluice.erp.sandbox.Outcomes.posted;
import static dev.sluice.erp.sandbox.Outcomes.refused;

import dev.sluice.domain.ContractState;
import dev.sluice.domain.ErpReference;
import dev.sluice.domain.ProjectState;
import dev.sluice.domain.TaskTerms;
import dev.sluice.domain.UpsertProject;
import dev.sluice.domain.Violation;
import dev.sluice.erp.Delivery;
import dev.sluice.erp.PostingOutcome;
import dev.sluice.platform.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.List;

/** Projects and their tasks in the sandbox; a task with time on it stays, on its contract. */
@ApplicationScoped
class ProjectPostings {

    private final Json json;
    private final DocumentJournal journal;

    ProjectPostings(Json json, DocumentJournal journal) {
        this.json = json;
        this.journal = journal;
    }

    PostingOutcome upsert(UpsertProject terms, Delivery delivery) {
        ContractRow contractRow = ContractRow.findById(terms.contractNumber());
        if (contractRow == null) {
            return refused("The ERP has no such contract", new Violation("/contractNumber", "UNKNOWN_CONTRACT",
                    "no contract " + terms.contractNumber() + " in the ERP"));
        }
        ContractState contract = json.read(contractRow.state, ContractState.class);
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < terms.tasks().size(); i++) {
            TaskTerms task = terms.tasks().get(i);
            if (contract.line(task.contractLine()).isEmpty()) {
                violations.add(new Violation("/tasks/" + i + "/contractLine", "UNKNOWN_CONTRACT_LINE",
                        "contract " + terms.contractNumber() + " has no line " + task.contractLine()));
            }
        }
        ProjectRow row = ProjectRow.findById(terms.projectCode(), LockModeType.PESSIMISTIC_WRITE);
        String hash = json.digest(terms);
        if (row != null && row.contentHash.equals(hash)) {
            return posted(DocumentJournal.reference("PROJECT", row.documentId));
        }
        if (row != null) {
            ProjectState current = json.read(row.state, ProjectState.class);
            if (!current.contractNumber().equals(terms.contractNumber()) && hasTime(terms.projectCode(), null)) {
                violations.add(new Violation("/contractNumber", "PROJECT_IN_USE", "project " + terms.projectCode()
                        + " has time posted under contract " + current.contractNumber() + "; it cannot move"));
            }
            for (TaskTerms task : current.tasks()) {
                if (hasTime(terms.projectCode(), task.taskCode())) {
                    terms.task(task.taskCode())
                            .filter(offered -> offered.contractLine() == task.contractLine())
                            .ifPresentOrElse(offered -> { }, () -> violations.add(new Violation("/tasks", "TASK_IN_USE",
                                    "task " + task.taskCode() + " has time posted to line " + task.contractLine()
                                            + "; it cannot be removed or moved to another line")));
                }
            }
        }
        if (!violations.isEmpty()) {
            return refused("The ERP refused the project", violations);
        }
        boolean created = row == null;
        if (created) {
            row = new ProjectRow();
            row.projectCode = terms.projectCode();
            row.documentId = journal.nextDocumentId("PJ");
            row.revision = 0;
        }
        row.revision++;
        ErpReference reference = DocumentJournal.reference("PROJECT", row.documentId);
        ProjectState state = new ProjectState(terms.projectCode(), terms.contractNumber(), terms.name(),
                terms.projectManager(), terms.description(), ProjectState.Status.ACTIVE, terms.tasks(), reference);
        row.contractNumber = terms.contractNumber();
        row.contentHash = hash;
        row.state = json.write(state);
        row.updatedAt = DocumentJournal.now();
        if (created) {
            row.persist();
        }
        journal.record(reference, terms.projectCode(), row.revision, terms, delivery);
        return posted(reference);
    }

    private static boolean hasTime(String projectCode, String taskCode) {
        return taskCode == null
                ? TimeEntryRow.count("projectCode", projectCode) > 0
                : TimeEntryRow.count("projectCode = ?1 and taskCode = ?2", projectCode, taskCode) > 0;
    }
}
