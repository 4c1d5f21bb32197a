package dev.sluice.erp.sandbox;

import static dev.sluice.erp.sandbox.Outcomes.posted;
import static dev.sluice.erp.sandbox.Outcomes.refused;

import dev.sluice.domain.CompleteMilestone;
import dev.sluice.domain.ContractState;
import dev.sluice.domain.ErpReference;
import dev.sluice.domain.MilestoneTerms;
import dev.sluice.domain.Violation;
import dev.sluice.erp.Delivery;
import dev.sluice.erp.PostingOutcome;
import dev.sluice.platform.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;

/**
 * Milestone progress and acceptance in the sandbox. Progress is recorded; the customer's first
 * acceptance of a milestone recognizes and bills its amount.
 */
@ApplicationScoped
class MilestonePostings {

    private final Json json;
    private final DocumentJournal journal;
    private final RevenueBooks books;

    MilestonePostings(Json json, DocumentJournal journal, RevenueBooks books) {
        this.json = json;
        this.journal = journal;
        this.books = books;
    }

    PostingOutcome complete(CompleteMilestone completion, Delivery delivery) {
        ProjectRow project = ProjectRow.findById(completion.projectCode());
        if (project == null) {
            return refused("The ERP has no such project", new Violation("path:projectCode", "UNKNOWN_PROJECT",
                    "no project " + completion.projectCode() + " in the ERP"));
        }
        ContractRow contractRow = ContractRow.findById(project.contractNumber, LockModeType.PESSIMISTIC_WRITE);
        ContractState contract = json.read(contractRow.state, ContractState.class);
        Optional<ContractState.Line> line = contract.lines().stream()
                .filter(l -> l.terms().milestone(completion.milestoneCode()).isPresent())
                .findFirst();
        if (line.isEmpty()) {
            return refused("The milestone is not on the project's contract", new Violation("path:milestoneCode",
                    "MILESTONE_NOT_ON_CONTRACT", "contract " + project.contractNumber + " has no milestone "
                            + completion.milestoneCode()));
        }
        String hash = json.digest(completion);
        Optional<MilestoneCompletionRow> existing = MilestoneCompletionRow
                .find("projectCode = ?1 and milestoneCode = ?2 and contentHash = ?3", completion.projectCode(),
                        completion.milestoneCode(), hash)
                .firstResultOptional();
        if (existing.isPresent()) {
            return posted(DocumentJournal.reference("MILESTONE_COMPLETION", existing.get().documentId));
        }
        boolean acceptedBefore = MilestoneCompletionRow.count("contractNumber = ?1 and milestoneCode = ?2 and accepted = true",
                project.contractNumber, completion.milestoneCode()) > 0;
        MilestoneCompletionRow row = new MilestoneCompletionRow();
        row.documentId = journal.nextDocumentId("MC");
        row.projectCode = completion.projectCode();
        row.milestoneCode = completion.milestoneCode();
        row.contractNumber = project.contractNumber;
        row.contentHash = hash;
        row.completion = json.write(completion);
        row.accepted = completion.accepted();
        row.postedAt = DocumentJournal.now();
        row.persist();
        ErpReference reference = DocumentJournal.reference("MILESTONE_COMPLETION", row.documentId);
        journal.record(reference, completion.projectCode() + "/" + completion.milestoneCode(), 1, completion, delivery);
        if (completion.accepted() && !acceptedBefore) {
            MilestoneTerms milestone = line.get().terms().milestone(completion.milestoneCode()).orElseThrow();
            books.acceptMilestone(contract.contractNumber(), contract.currency(), line.get().terms().lineNumber(),
                    milestone, new RevenueBooks.Source(row.documentId, delivery.operationId(),
                            completion.acceptedAt().toLocalDate()));
        }
        return posted(reference);
    }
}
