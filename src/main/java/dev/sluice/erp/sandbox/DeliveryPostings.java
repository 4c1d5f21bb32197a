package dev.sluice.erp.sandbox;

import dev.sluice.domain.AmendContract;
import dev.sluice.domain.ApproveTime;
import dev.sluice.domain.Command;
import dev.sluice.domain.CompleteMilestone;
import dev.sluice.domain.ErpReference;
import dev.sluice.domain.UpsertContract;
import dev.sluice.domain.UpsertProject;
import dev.sluice.domain.Violation;
import dev.sluice.erp.Delivery;
import dev.sluice.erp.PostingOutcome;
import dev.sluice.platform.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The sandbox ERP's posting side: each delivery is posted in one transaction, by the desk for
 * its kind of document. A delivery seen before (same external reference) answers its first
 * outcome again without posting anything.
 */
@ApplicationScoped
class DeliveryPostings {

    private final Json json;
    private final EntityManager entityManager;
    private final ContractPostings contracts;
    private final ProjectPostings projects;
    private final TimePostings time;
    private final MilestonePostings milestones;

    DeliveryPostings(Json json, EntityManager entityManager, ContractPostings contracts, ProjectPostings projects,
            TimePostings time, MilestonePostings milestones) {
        this.json = json;
        this.entityManager = entityManager;
        this.contracts = contracts;
        this.projects = projects;
        this.time = time;
        this.milestones = milestones;
    }

    /**
     * Posts a delivery. {@code onHold} says whether postings touching a contract are to be
     * refused (the sandbox's simulated refusals).
     */
    @Transactional
    PostingOutcome post(Delivery delivery, Function<String, Optional<String>> onHold) {
        DeliveryRow seen = entityManager.find(DeliveryRow.class, delivery.reference(), LockModeType.PESSIMISTIC_WRITE);
        if (seen != null) {
            return json.read(seen.outcome, StoredOutcome.class).toOutcome();
        }
        Optional<String> hold = contractOf(delivery.command()).flatMap(onHold);
        if (hold.isPresent()) {
            // a simulated refusal is not remembered: lifted, a redelivery posts
            return new PostingOutcome.Refused("The ERP refused the posting",
                    List.of(new Violation("", "CONTRACT_ON_HOLD", hold.get())));
        }
        PostingOutcome outcome = switch (delivery.command().type()) {
            case CONTRACT_UPSERT -> contracts.upsert((UpsertContract) delivery.command(), delivery);
            case CHANGE_ORDER -> contracts.amend((AmendContract) delivery.command(), delivery);
            case PROJECT_UPSERT -> projects.upsert((UpsertProject) delivery.command(), delivery);
            case TIME_APPROVAL -> time.approve((ApproveTime) delivery.command(), delivery);
            case MILESTONE_COMPLETION -> milestones.complete((CompleteMilestone) delivery.command(), delivery);
        };
        if (outcome instanceof PostingOutcome.Refused) {
            // nothing of a refused delivery may stay in the books
            entityManager.clear();
        } else {
            List<ErpReference> references = ((PostingOutcome.Posted) outcome).references();
            outcome = new PostingOutcome.Posted(references, effects(references, delivery));
        }
        DeliveryRow row = new DeliveryRow();
        row.reference = delivery.reference();
        row.outcome = json.write(StoredOutcome.of(outcome));
        row.processedAt = DocumentJournal.now();
        row.traceparent = delivery.traceparent();
        row.persist();
        return outcome;
    }

    /** The postings this delivery made (caused by its documents), as effects to report. */
    private static List<PostingOutcome.Effect> effects(List<ErpReference> references, Delivery delivery) {
        List<String> documents = references.stream().map(ErpReference::documentId).toList();
        if (documents.isEmpty()) {
            return List.of();
        }
        return PostingRow.<PostingRow>list("operationId = ?1 and documentId in ?2 order by id", delivery.operationId(),
                        documents)
                .stream()
                .map(p -> new PostingOutcome.Effect(p.kind.name(), p.contractNumber, p.lineNumber, p.amount,
                        p.currency, p.rule, p.documentId))
                .toList();
    }

    /** The contract a command posts to. */
    private Optional<String> contractOf(Command command) {
        return switch (command.type()) {
            case CONTRACT_UPSERT -> Optional.of(((UpsertContract) command).contractNumber());
            case CHANGE_ORDER -> Optional.of(((AmendContract) command).contractNumber());
            case PROJECT_UPSERT -> Optional.of(((UpsertProject) command).contractNumber());
            case TIME_APPROVAL -> ((ApproveTime) command).entries().stream().findFirst()
                    .flatMap(e -> projectContract(e.projectCode()));
            case MILESTONE_COMPLETION -> projectContract(((CompleteMilestone) command).projectCode());
        };
    }

    private static Optional<String> projectContract(String projectCode) {
        return Optional.ofNullable(ProjectRow.<ProjectRow>findById(projectCode)).map(p -> p.contractNumber);
    }

    /** An outcome as the delivery table keeps it. */
    record StoredOutcome(boolean posted, List<ErpReference> references, List<PostingOutcome.Effect> effects,
            String reason, List<Violation> violations) {

        static StoredOutcome of(PostingOutcome outcome) {
            if (outcome instanceof PostingOutcome.Posted p) {
                return new StoredOutcome(true, p.references(), p.effects(), null, List.of());
            }
            PostingOutcome.Refused r = (PostingOutcome.Refused) outcome;
            return new StoredOutcome(false, List.of(), List.of(), r.reason(), r.violations());
        }

        PostingOutcome toOutcome() {
            return posted ? new PostingOutcome.Posted(references, effects) : new PostingOutcome.Refused(reason, violations);
        }
    }
}
