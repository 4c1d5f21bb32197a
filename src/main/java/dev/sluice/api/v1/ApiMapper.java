package dev.sluice.api.v1;

import dev.sluice.api.problem.ProblemDocument;
import dev.sluice.api.problem.Problems;
import dev.sluice.api.v1.model.BookEffect;
import dev.sluice.api.v1.model.ChangeOrderRequest;
import dev.sluice.api.v1.model.ChangeOrderSummary;
import dev.sluice.api.v1.model.Contract;
import dev.sluice.api.v1.model.ContractLine;
import dev.sluice.api.v1.model.ContractLineRequest;
import dev.sluice.api.v1.model.ContractRequest;
import dev.sluice.api.v1.model.FinancialPosition;
import dev.sluice.api.v1.model.Lineage;
import dev.sluice.api.v1.model.LineageStep;
import dev.sluice.api.v1.model.Milestone;
import dev.sluice.api.v1.model.MilestoneCompletionRequest;
import dev.sluice.api.v1.model.MilestoneRequest;
import dev.sluice.api.v1.model.Operation;
import dev.sluice.api.v1.model.Project;
import dev.sluice.api.v1.model.ProjectRequest;
import dev.sluice.api.v1.model.Task;
import dev.sluice.api.v1.model.TimeApprovalRequest;
import dev.sluice.api.v1.model.TimeEntryRequest;
import dev.sluice.delivery.LineageLog;
import dev.sluice.delivery.OperationSnapshot;
import dev.sluice.domain.AmendContract;
import dev.sluice.domain.ApproveTime;
import dev.sluice.domain.BillingMethod;
import dev.sluice.domain.CompleteMilestone;
import dev.sluice.domain.ContractLineTerms;
import dev.sluice.domain.ContractState;
import dev.sluice.domain.ErpReference;
import dev.sluice.domain.LineChange;
import dev.sluice.domain.MilestoneTerms;
import dev.sluice.domain.ModificationType;
import dev.sluice.domain.OperationProblem;
import dev.sluice.domain.ProjectState;
import dev.sluice.domain.RoleRate;
import dev.sluice.domain.TaskTerms;
import dev.sluice.domain.TimeEntry;
import dev.sluice.domain.UpsertContract;
import dev.sluice.domain.UpsertProject;
import dev.sluice.problem.ProblemKind;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Between the contract's generated models and the domain: requests become commands, domain
 * state becomes responses. Money and hours travel as decimal strings and are exact
 * {@link BigDecimal}s inside.
 */
public final class ApiMapper {

    private ApiMapper() {
    }

    // --- requests to commands --------------------------------------------------------------

    public static UpsertContract command(ContractRequest r) {
        return new UpsertContract(r.getContractNumber(), r.getCustomerNumber(), r.getLegalEntity(), r.getCurrency(),
                r.getStartDate(), r.getEndDate(), r.getDescription(), lines(r.getLines()));
    }

    public static AmendContract command(String contractNumber, ChangeOrderRequest r) {
        List<LineChange> changes = nonNull(r.getLineChanges()).stream()
                .map(c -> new LineChange(c.getLineNumber(), money(c.getAmountDelta()), money(c.getEstimatedCostDelta()),
                        money(c.getNotToExceedDelta())))
                .toList();
        return new AmendContract(contractNumber, r.getChangeOrderNumber(), r.getEffectiveDate(),
                ModificationType.valueOf(r.getModificationType().name()), r.getDescription(), changes,
                lines(r.getNewLines()));
    }

    public static UpsertProject command(ProjectRequest r) {
        List<TaskTerms> tasks = nonNull(r.getTasks()).stream()
                .map(t -> new TaskTerms(t.getTaskCode(), t.getName(), t.getContractLine(), t.getBillable()))
                .toList();
        return new UpsertProject(r.getProjectCode(), r.getContractNumber(), r.getName(), r.getProjectManager(),
                r.getDescription(), tasks);
    }

    public static ApproveTime command(TimeApprovalRequest r) {
        return new ApproveTime(r.getEntries().stream().map(ApiMapper::entry).toList());
    }

    public static CompleteMilestone command(String projectCode, String milestoneCode, MilestoneCompletionRequest r) {
        return new CompleteMilestone(projectCode, milestoneCode, money(r.getPercentComplete()), r.getAccepted(),
                r.getAcceptedBy(), r.getAcceptedAt(), r.getNote());
    }

    private static TimeEntry entry(TimeEntryRequest e) {
        return new TimeEntry(e.getExternalId(), e.getVersion(), e.getEmployeeNumber(), e.getProjectCode(),
                e.getTaskCode(), e.getWorkDate(), money(e.getHours()), e.getRole(), e.getBillable(), e.getApprovedBy(),
                e.getApprovedAt(), e.getDescription());
    }

    private static List<ContractLineTerms> lines(List<ContractLineRequest> lines) {
        return nonNull(lines).stream().map(l -> new ContractLineTerms(l.getLineNumber(), l.getItemNumber(),
                BillingMethod.valueOf(l.getBillingMethod().name()), l.getDescription(),
                nonNull(l.getRates()).stream().map(r -> new RoleRate(r.getRole(), money(r.getHourlyRate()))).toList(),
                money(l.getNotToExceed()), money(l.getAmount()), money(l.getEstimatedCost()),
                nonNull(l.getMilestones()).stream().map(ApiMapper::milestone).toList())).toList();
    }

    private static MilestoneTerms milestone(MilestoneRequest m) {
        return new MilestoneTerms(m.getMilestoneCode(), m.getName(), money(m.getAmount()), m.getDueDate());
    }

    // --- domain to responses ---------------------------------------------------------------

    public static Operation operation(OperationSnapshot s) {
        Operation operation = new Operation()
                .operationId(s.id())
                .type(dev.sluice.api.v1.model.OperationType.valueOf(s.type().name()))
                .status(dev.sluice.api.v1.model.OperationStatus.valueOf(s.status().name()))
                .correlationId(s.correlationId())
                .businessKey(s.businessKey())
                .acceptedAt(s.acceptedAt())
                .updatedAt(s.updatedAt())
                .postedAt(s.postedAt())
                .attempts(s.attempts())
                .erpReferences(references(s.erpReferences()));
        if (s.validationDeferred()) {
            operation.setValidation(Operation.ValidationEnum.DEFERRED);
        }
        if (s.problem() != null) {
            operation.setProblem(problem(s.problem(), s));
        }
        return operation;
    }

    private static dev.sluice.api.v1.model.Problem problem(OperationProblem problem, OperationSnapshot s) {
        ProblemKind kind = switch (problem.reason()) {
            case ERP_REFUSED -> ProblemKind.ERP_REFUSED;
            case DELIVERY_EXHAUSTED -> ProblemKind.DELIVERY_EXHAUSTED;
            case DISCARDED -> ProblemKind.DISCARDED;
            case VALIDATION_FAILED -> ProblemKind.VALIDATION_FAILED;
        };
        ProblemDocument document = Problems.problem(kind, problem.detail(), "/api/v1/operations/" + s.id(),
                s.correlationId(), problem.violations());
        dev.sluice.api.v1.model.Problem model = new dev.sluice.api.v1.model.Problem().type(document.type())
                .title(document.title()).status(document.status()).detail(document.detail())
                .instance(document.instance()).correlationId(document.correlationId());
        model.setErrors(document.errors() == null ? null : document.errors().stream()
                .map(e -> new dev.sluice.api.v1.model.ProblemError().pointer(e.pointer()).code(e.code())
                        .detail(e.detail()))
                .toList());
        model.setViolatedPolicies(null);
        return model;
    }

    public static Contract contract(ContractState c) {
        return new Contract()
                .contractNumber(c.contractNumber())
                .customerNumber(c.customerNumber())
                .legalEntity(c.legalEntity())
                .currency(c.currency())
                .startDate(c.startDate())
                .endDate(c.endDate())
                .description(c.description())
                .status(Contract.StatusEnum.valueOf(c.status().name()))
                .lines(c.lines().stream().map(ApiMapper::line).toList())
                .changeOrders(c.changeOrders().stream().map(o -> new ChangeOrderSummary()
                        .changeOrderNumber(o.changeOrderNumber())
                        .effectiveDate(o.effectiveDate())
                        .modificationType(dev.sluice.api.v1.model.ModificationType.valueOf(o.modificationType().name()))
                        .erpReference(reference(o.reference()))).toList())
                .erpReference(reference(c.reference()))
                .position(position(c.position()));
    }

    private static FinancialPosition position(dev.sluice.domain.FinancialPosition p) {
        return p == null ? null : new FinancialPosition()
                .recognized(text(p.recognized()))
                .billed(text(p.billed()))
                .contractAsset(text(p.contractAsset()))
                .contractLiability(text(p.contractLiability()))
                .costToDate(text(p.costToDate()))
                .percentComplete(text(p.percentComplete()));
    }

    private static ContractLine line(ContractState.Line line) {
        ContractLineTerms t = line.terms();
        return new ContractLine()
                .lineNumber(t.lineNumber())
                .itemNumber(t.itemNumber())
                .billingMethod(dev.sluice.api.v1.model.BillingMethod.valueOf(t.billingMethod().name()))
                .description(t.description())
                .rates(orNull(t.rates().stream().map(r -> new dev.sluice.api.v1.model.RoleRate()
                        .role(r.role()).hourlyRate(text(r.hourlyRate()))).toList()))
                .notToExceed(text(t.notToExceed()))
                .amount(text(t.amount()))
                .estimatedCost(text(t.estimatedCost()))
                .milestones(orNull(t.milestones().stream().map(m -> {
                    Optional<ContractState.MilestoneProgress> progress = line.progress(m.milestoneCode());
                    return new Milestone()
                            .milestoneCode(m.milestoneCode())
                            .name(m.name())
                            .amount(text(m.amount()))
                            .dueDate(m.dueDate())
                            .percentComplete(progress.map(p -> text(p.percentComplete())).orElse(null))
                            .accepted(progress.map(ContractState.MilestoneProgress::accepted).orElse(null));
                }).toList()))
                .addedByChangeOrder(line.addedByChangeOrder())
                .position(position(line.position()));
    }

    public static Project project(ProjectState p) {
        return new Project()
                .projectCode(p.projectCode())
                .contractNumber(p.contractNumber())
                .name(p.name())
                .projectManager(p.projectManager())
                .description(p.description())
                .status(Project.StatusEnum.valueOf(p.status().name()))
                .tasks(p.tasks().stream().map(t -> new Task()
                        .taskCode(t.taskCode()).name(t.name()).contractLine(t.contractLine()).billable(t.billable()))
                        .toList())
                .erpReference(reference(p.reference()));
    }

    public static Lineage lineage(String correlationId, List<LineageLog.Entry> entries) {
        return new Lineage()
                .correlationId(correlationId)
                .steps(entries.stream().map(e -> new LineageStep()
                        .at(e.at())
                        .step(LineageStep.StepEnum.valueOf(e.step().name()))
                        .operationId(e.operationId())
                        .operationType(dev.sluice.api.v1.model.OperationType.valueOf(e.operationType().name()))
                        .detail(e.detail())
                        .erpReferences(e.erpReferences().isEmpty() ? null : references(e.erpReferences()))
                        .deliveredBy(e.deliveredBy())
                        .effects(e.effects().isEmpty() ? null : e.effects().stream().map(f -> new BookEffect()
                                .kind(BookEffect.KindEnum.valueOf(f.kind()))
                                .contractNumber(f.contractNumber())
                                .lineNumber(f.lineNumber())
                                .amount(text(posted(f.amount())))
                                .currency(f.currency())
                                .rule(f.rule())
                                .documentId(f.documentId())).toList()))
                        .toList());
    }

    static List<dev.sluice.api.v1.model.ErpReference> references(List<ErpReference> references) {
        return references.stream().map(ApiMapper::reference).toList();
    }

    private static dev.sluice.api.v1.model.ErpReference reference(ErpReference r) {
        return r == null ? null : new dev.sluice.api.v1.model.ErpReference()
                .backend(r.backend()).documentType(r.documentType()).documentId(r.documentId());
    }

    /** A posted amount (kept with four decimals) as the contract's money: at most two, at least two. */
    private static BigDecimal posted(BigDecimal amount) {
        BigDecimal plain = amount.stripTrailingZeros();
        return plain.scale() < 2 ? plain.setScale(2) : plain;
    }

    /** A decimal string from the contract as an exact decimal, or null when absent. */
    static BigDecimal money(String text) {
        return text == null ? null : new BigDecimal(text);
    }

    /** An exact decimal as the contract's decimal string, or null when absent. */
    static String text(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    /** Optional lists are left out of answers when empty (a fixed-fee line has no rates). */
    private static <T> List<T> orNull(List<T> list) {
        return list.isEmpty() ? null : list;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
