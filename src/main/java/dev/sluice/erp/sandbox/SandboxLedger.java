package dev.sluice.erp.sandbox;

import dev.sluice.domain.AmendContract;
import dev.sluice.domain.ApproveTime;
import dev.sluice.domain.CompleteMilestone;
import dev.sluice.domain.ContractLineTerms;
import dev.sluice.domain.ContractState;
import dev.sluice.domain.ErpReference;
import dev.sluice.domain.LineChange;
import dev.sluice.domain.ProjectState;
import dev.sluice.domain.TaskTerms;
import dev.sluice.domain.TimeEntry;
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
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The sandbox ERP's posting side: turns each delivery into its own documents, in one
 * transaction, refusing what a real ERP would refuse. A delivery it has seen before (same
 * external reference) answers the first outcome again; a posting that repeats one already
 * made (same business key and content) changes nothing.
 */
@ApplicationScoped
class SandboxLedger {

    static final String BACKEND = "sandbox";

    private final Json json;
    private final EntityManager entityManager;
    private final Clock clock;

    SandboxLedger(Json json, EntityManager entityManager) {
        this.json = json;
        this.entityManager = entityManager;
        this.clock = Clock.systemUTC();
    }

    @Transactional
    PostingOutcome post(Delivery delivery) {
        DeliveryRow seen = entityManager.find(DeliveryRow.class, delivery.reference(), LockModeType.PESSIMISTIC_WRITE);
        if (seen != null) {
            return json.read(seen.outcome, StoredOutcome.class).toOutcome();
        }
        PostingOutcome outcome = switch (delivery.command().type()) {
            case CONTRACT_UPSERT -> upsertContract((UpsertContract) delivery.command(), delivery);
            case CHANGE_ORDER -> amendContract((AmendContract) delivery.command(), delivery);
            case PROJECT_UPSERT -> upsertProject((UpsertProject) delivery.command(), delivery);
            case TIME_APPROVAL -> approveTime((ApproveTime) delivery.command(), delivery);
            case MILESTONE_COMPLETION -> completeMilestone((CompleteMilestone) delivery.command(), delivery);
        };
        DeliveryRow row = new DeliveryRow();
        row.reference = delivery.reference();
        row.outcome = json.write(StoredOutcome.of(outcome));
        row.processedAt = now();
        row.persist();
        return outcome;
    }

    // --- contracts -------------------------------------------------------------------------

    private PostingOutcome upsertContract(UpsertContract terms, Delivery delivery) {
        ContractRow row = ContractRow.findById(terms.contractNumber(), LockModeType.PESSIMISTIC_WRITE);
        String hash = json.digest(terms);
        if (row != null && row.contentHash.equals(hash)) {
            return posted(reference("CONTRACT", row.documentId));
        }
        ContractState current = row == null ? null : json.read(row.state, ContractState.class);
        List<Violation> violations = new ArrayList<>();
        List<ContractState.Line> lines = new ArrayList<>();
        terms.lines().forEach(l -> lines.add(new ContractState.Line(l, null)));
        if (current != null) {
            Set<Integer> offered = new HashSet<>();
            terms.lines().forEach(l -> offered.add(l.lineNumber()));
            for (ContractState.Line line : current.lines()) {
                int number = line.terms().lineNumber();
                if (line.addedByChangeOrder() != null) {
                    if (offered.contains(number)) {
                        violations.add(new Violation(linePointer(terms, number), "LINE_NUMBER_TAKEN",
                                "line " + number + " was added by change order " + line.addedByChangeOrder()
                                        + "; amend it with a change order"));
                    }
                    lines.add(line);
                } else if (!offered.contains(number) && lineInUse(terms.contractNumber(), number)) {
                    violations.add(new Violation("/lines", "LINE_IN_USE", "line " + number
                            + " has project tasks charged to it and cannot be removed"));
                }
            }
        }
        if (!violations.isEmpty()) {
            return new PostingOutcome.Refused("The ERP refused the contract update", violations);
        }
        boolean created = row == null;
        if (created) {
            row = new ContractRow();
            row.contractNumber = terms.contractNumber();
            row.documentId = nextDocumentId("CT");
            row.revision = 0;
        }
        row.revision++;
        ErpReference reference = reference("CONTRACT", row.documentId);
        ContractState state = new ContractState(terms.contractNumber(), terms.customerNumber(), terms.legalEntity(),
                terms.currency(), terms.startDate(), terms.endDate(), terms.description(), ContractState.Status.ACTIVE,
                lines, current == null ? List.of() : current.changeOrders(), reference);
        row.contentHash = hash;
        row.state = json.write(state);
        row.updatedAt = now();
        if (created) {
            row.persist();
        }
        journal(reference, terms.contractNumber(), row.revision, terms, delivery);
        return posted(reference);
    }

    private PostingOutcome amendContract(AmendContract order, Delivery delivery) {
        ContractRow row = ContractRow.findById(order.contractNumber(), LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            return refused("The ERP has no such contract", new Violation("path:contractNumber", "UNKNOWN_CONTRACT",
                    "no contract " + order.contractNumber() + " in the ERP"));
        }
        String hash = json.digest(order);
        ChangeOrderRow.Key key = new ChangeOrderRow.Key();
        key.contractNumber = order.contractNumber();
        key.changeOrderNumber = order.changeOrderNumber();
        ChangeOrderRow existing = ChangeOrderRow.findById(key);
        if (existing != null) {
            if (existing.contentHash.equals(hash)) {
                return posted(reference("CHANGE_ORDER", existing.documentId));
            }
            return refused("The change order number is taken", new Violation("/changeOrderNumber",
                    "CHANGE_ORDER_CONFLICT", "change order " + order.changeOrderNumber()
                            + " was already posted on contract " + order.contractNumber() + " with other terms"));
        }
        ContractState current = json.read(row.state, ContractState.class);
        List<Violation> violations = new ArrayList<>();
        List<ContractState.Line> lines = new ArrayList<>(current.lines());
        for (int i = 0; i < order.lineChanges().size(); i++) {
            LineChange change = order.lineChanges().get(i);
            String at = "/lineChanges/" + i;
            int index = indexOfLine(lines, change.lineNumber());
            if (index < 0) {
                violations.add(new Violation(at + "/lineNumber", "UNKNOWN_CONTRACT_LINE",
                        "contract " + order.contractNumber() + " has no line " + change.lineNumber()));
                continue;
            }
            ContractState.Line line = lines.get(index);
            ContractLineTerms t = line.terms();
            BigDecimal amount = apply(t.amount(), change.amountDelta(), at + "/amountDelta", "amount", violations);
            BigDecimal estimate = apply(t.estimatedCost(), change.estimatedCostDelta(), at + "/estimatedCostDelta",
                    "estimated cost", violations);
            BigDecimal cap = apply(t.notToExceed(), change.notToExceedDelta(), at + "/notToExceedDelta",
                    "not-to-exceed amount", violations);
            lines.set(index, new ContractState.Line(new ContractLineTerms(t.lineNumber(), t.itemNumber(),
                    t.billingMethod(), t.description(), t.rates(), cap, amount, estimate, t.milestones()),
                    line.addedByChangeOrder()));
        }
        for (int i = 0; i < order.newLines().size(); i++) {
            ContractLineTerms added = order.newLines().get(i);
            if (indexOfLine(lines, added.lineNumber()) >= 0) {
                violations.add(new Violation("/newLines/" + i + "/lineNumber", "LINE_NUMBER_TAKEN",
                        "contract " + order.contractNumber() + " already has a line " + added.lineNumber()));
                continue;
            }
            lines.add(new ContractState.Line(added, order.changeOrderNumber()));
        }
        if (!violations.isEmpty()) {
            return new PostingOutcome.Refused("The ERP refused the change order", violations);
        }
        String documentId = nextDocumentId("CO");
        ErpReference reference = reference("CHANGE_ORDER", documentId);
        List<ContractState.ChangeOrder> orders = new ArrayList<>(current.changeOrders());
        orders.add(new ContractState.ChangeOrder(order.changeOrderNumber(), order.effectiveDate(),
                order.modificationType(), reference));
        ContractState amended = new ContractState(current.contractNumber(), current.customerNumber(),
                current.legalEntity(), current.currency(), current.startDate(), current.endDate(),
                current.description(), current.status(), lines, orders, current.reference());
        row.state = json.write(amended);
        row.updatedAt = now();
        ChangeOrderRow applied = new ChangeOrderRow();
        applied.contractNumber = order.contractNumber();
        applied.changeOrderNumber = order.changeOrderNumber();
        applied.documentId = documentId;
        applied.contentHash = hash;
        applied.persist();
        journal(reference, order.contractNumber() + "/" + order.changeOrderNumber(), 1, order, delivery);
        return posted(reference);
    }

    private static BigDecimal apply(BigDecimal value, BigDecimal delta, String pointer, String what,
            List<Violation> violations) {
        if (delta == null) {
            return value;
        }
        if (value == null) {
            violations.add(new Violation(pointer, "NOT_APPLICABLE", "the line has no " + what + " to change"));
            return null;
        }
        BigDecimal result = value.add(delta);
        if (result.signum() < 0) {
            violations.add(new Violation(pointer, "NEGATIVE_AMOUNT",
                    "the change would leave the line's " + what + " at " + result.toPlainString()));
        }
        return result;
    }

    private static int indexOfLine(List<ContractState.Line> lines, int lineNumber) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).terms().lineNumber() == lineNumber) {
                return i;
            }
        }
        return -1;
    }

    private static String linePointer(UpsertContract terms, int lineNumber) {
        for (int i = 0; i < terms.lines().size(); i++) {
            if (terms.lines().get(i).lineNumber() == lineNumber) {
                return "/lines/" + i + "/lineNumber";
            }
        }
        return "/lines";
    }

    private boolean lineInUse(String contractNumber, int lineNumber) {
        return ProjectRow.<ProjectRow>list("contractNumber", contractNumber).stream()
                .map(p -> json.read(p.state, ProjectState.class))
                .flatMap(p -> p.tasks().stream())
                .anyMatch(t -> t.contractLine() == lineNumber);
    }

    // --- projects --------------------------------------------------------------------------

    private PostingOutcome upsertProject(UpsertProject terms, Delivery delivery) {
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
            return posted(reference("PROJECT", row.documentId));
        }
        if (row != null) {
            ProjectState current = json.read(row.state, ProjectState.class);
            if (!current.contractNumber().equals(terms.contractNumber()) && hasTime(terms.projectCode(), null)) {
                violations.add(new Violation("/contractNumber", "PROJECT_IN_USE", "project " + terms.projectCode()
                        + " has time posted under contract " + current.contractNumber() + "; it cannot move"));
            }
            for (TaskTerms task : current.tasks()) {
                if (terms.task(task.taskCode()).isEmpty() && hasTime(terms.projectCode(), task.taskCode())) {
                    violations.add(new Violation("/tasks", "TASK_IN_USE", "task " + task.taskCode()
                            + " has time posted and cannot be removed"));
                }
            }
        }
        if (!violations.isEmpty()) {
            return new PostingOutcome.Refused("The ERP refused the project", violations);
        }
        boolean created = row == null;
        if (created) {
            row = new ProjectRow();
            row.projectCode = terms.projectCode();
            row.documentId = nextDocumentId("PJ");
            row.revision = 0;
        }
        row.revision++;
        ErpReference reference = reference("PROJECT", row.documentId);
        ProjectState state = new ProjectState(terms.projectCode(), terms.contractNumber(), terms.name(),
                terms.projectManager(), terms.description(), ProjectState.Status.ACTIVE, terms.tasks(), reference);
        row.contractNumber = terms.contractNumber();
        row.contentHash = hash;
        row.state = json.write(state);
        row.updatedAt = now();
        if (created) {
            row.persist();
        }
        journal(reference, terms.projectCode(), row.revision, terms, delivery);
        return posted(reference);
    }

    private boolean hasTime(String projectCode, String taskCode) {
        return taskCode == null
                ? TimeEntryRow.count("projectCode", projectCode) > 0
                : TimeEntryRow.count("projectCode = ?1 and taskCode = ?2", projectCode, taskCode) > 0;
    }

    // --- time ------------------------------------------------------------------------------

    private PostingOutcome approveTime(ApproveTime batch, Delivery delivery) {
        List<Violation> violations = new ArrayList<>();
        List<TimeEntry> toPost = new ArrayList<>();
        List<String> contracts = new ArrayList<>();
        for (int i = 0; i < batch.entries().size(); i++) {
            TimeEntry entry = batch.entries().get(i);
            String at = "/entries/" + i;
            ProjectRow project = ProjectRow.findById(entry.projectCode());
            if (project == null) {
                violations.add(new Violation(at + "/projectCode", "UNKNOWN_PROJECT",
                        "no project " + entry.projectCode() + " in the ERP"));
                continue;
            }
            if (json.read(project.state, ProjectState.class).task(entry.taskCode()).isEmpty()) {
                violations.add(new Violation(at + "/taskCode", "UNKNOWN_TASK",
                        "project " + entry.projectCode() + " has no task " + entry.taskCode()));
                continue;
            }
            Integer latest = entityManager.createQuery(
                    "select max(t.version) from TimeEntryRow t where t.externalId = ?1", Integer.class)
                    .setParameter(1, entry.externalId())
                    .getSingleResult();
            // the same version again is a duplicate, an older one is overtaken: neither changes anything
            if (latest == null || entry.version() > latest) {
                toPost.add(entry);
                contracts.add(project.contractNumber);
            }
        }
        if (!violations.isEmpty()) {
            return new PostingOutcome.Refused("The ERP refused the time entries", violations);
        }
        List<ErpReference> references = new ArrayList<>();
        for (int i = 0; i < toPost.size(); i++) {
            TimeEntry entry = toPost.get(i);
            TimeEntryRow.update("superseded = true where externalId = ?1 and superseded = false", entry.externalId());
            TimeEntryRow row = new TimeEntryRow();
            row.externalId = entry.externalId();
            row.version = entry.version();
            row.documentId = nextDocumentId("TE");
            row.projectCode = entry.projectCode();
            row.taskCode = entry.taskCode();
            row.contractNumber = contracts.get(i);
            row.entry = json.write(entry);
            row.postedAt = now();
            row.persist();
            ErpReference reference = reference("TIME_ENTRY", row.documentId);
            journal(reference, entry.externalId(), entry.version(), entry, delivery);
            references.add(reference);
        }
        return new PostingOutcome.Posted(references);
    }

    // --- milestones ------------------------------------------------------------------------

    private PostingOutcome completeMilestone(CompleteMilestone completion, Delivery delivery) {
        ProjectRow project = ProjectRow.findById(completion.projectCode());
        if (project == null) {
            return refused("The ERP has no such project", new Violation("path:projectCode", "UNKNOWN_PROJECT",
                    "no project " + completion.projectCode() + " in the ERP"));
        }
        ContractRow contractRow = ContractRow.findById(project.contractNumber, LockModeType.PESSIMISTIC_WRITE);
        ContractState contract = json.read(contractRow.state, ContractState.class);
        boolean onContract = contract.lines().stream()
                .anyMatch(l -> l.terms().milestone(completion.milestoneCode()).isPresent());
        if (!onContract) {
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
            return posted(reference("MILESTONE_COMPLETION", existing.get().documentId));
        }
        MilestoneCompletionRow row = new MilestoneCompletionRow();
        row.documentId = nextDocumentId("MC");
        row.projectCode = completion.projectCode();
        row.milestoneCode = completion.milestoneCode();
        row.contractNumber = project.contractNumber;
        row.contentHash = hash;
        row.completion = json.write(completion);
        row.postedAt = now();
        row.persist();
        ErpReference reference = reference("MILESTONE_COMPLETION", row.documentId);
        journal(reference, completion.projectCode() + "/" + completion.milestoneCode(), 1, completion, delivery);
        return posted(reference);
    }

    // --- shared ----------------------------------------------------------------------------

    private void journal(ErpReference reference, String businessKey, int revision, Object body, Delivery delivery) {
        DocumentRow document = new DocumentRow();
        document.documentId = reference.documentId();
        document.documentType = reference.documentType();
        document.businessKey = businessKey;
        document.revision = revision;
        document.operationId = delivery.operationId();
        document.correlationId = delivery.correlationId();
        document.traceparent = delivery.traceparent();
        document.body = json.write(body);
        document.postedAt = now();
        document.persist();
    }

    private String nextDocumentId(String prefix) {
        Number next = (Number) entityManager.createNativeQuery("select nextval('sandbox.document_number')")
                .getSingleResult();
        return "SBX-" + prefix + "-" + String.format("%06d", next.longValue());
    }

    private static ErpReference reference(String documentType, String documentId) {
        return new ErpReference(BACKEND, documentType, documentId);
    }

    private static PostingOutcome posted(ErpReference reference) {
        return new PostingOutcome.Posted(List.of(reference));
    }

    private static PostingOutcome refused(String reason, Violation violation) {
        return new PostingOutcome.Refused(reason, List.of(violation));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    /** An outcome as the delivery table keeps it. */
    record StoredOutcome(boolean posted, List<ErpReference> references, String reason, List<Violation> violations) {

        static StoredOutcome of(PostingOutcome outcome) {
            if (outcome instanceof PostingOutcome.Posted p) {
                return new StoredOutcome(true, p.references(), null, List.of());
            }
            PostingOutcome.Refused r = (PostingOutcome.Refused) outcome;
            return new StoredOutcome(false, List.of(), r.reason(), r.violations());
        }

        PostingOutcome toOutcome() {
            return posted ? new PostingOutcome.Posted(references) : new PostingOutcome.Refused(reason, violations);
        }
    }
}
