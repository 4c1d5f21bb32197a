package dev.sluice.erp.sandbox;

import static dev.sluice.erp.sandbox.Outcomes.refused;

import dev.sluice.domain.ApproveTime;
import dev.sluice.domain.BillingMethod;
import dev.sluice.domain.ContractLineTerms;
import dev.sluice.domain.ContractState;
import dev.sluice.domain.ErpReference;
import dev.sluice.domain.MasterDataType;
import dev.sluice.domain.MasterRecord;
import dev.sluice.domain.ProjectState;
import dev.sluice.domain.RoleRate;
import dev.sluice.domain.TaskTerms;
import dev.sluice.domain.TimeEntry;
import dev.sluice.domain.Violation;
import dev.sluice.erp.Delivery;
import dev.sluice.erp.PostingOutcome;
import dev.sluice.platform.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Approved time in the sandbox. Each new entry, or new version of one, becomes a document; its
 * cost (hours at the employee's cost rate) and, on a billable time-and-materials line, its value
 * (hours at the contract's rate for the role) go into the books, and the line's revenue and
 * billing are brought up to date. A correction posts only the difference it makes.
 */
@ApplicationScoped
class TimePostings {

    /** An entry ready to post, with everything the books need. */
    private record Priced(TimeEntry entry, ContractState contract, ContractLineTerms line, BigDecimal cost,
            BigDecimal value) {
    }

    private final Json json;
    private final DocumentJournal journal;
    private final RevenueBooks books;
    private final SandboxMasterData masterData;
    private final EntityManager entityManager;

    TimePostings(Json json, DocumentJournal journal, RevenueBooks books, SandboxMasterData masterData, EntityManager entityManager) {
        this.json = json;
        this.journal = journal;
        this.books = books;
        this.masterData = masterData;
        this.entityManager = entityManager;
    }

    PostingOutcome approve(ApproveTime batch, Delivery delivery) {
        List<Violation> violations = new ArrayList<>();
        List<Priced> toPost = new ArrayList<>();
        Map<String, ContractState> contracts = new HashMap<>();
        for (int i = 0; i < batch.entries().size(); i++) {
            TimeEntry entry = batch.entries().get(i);
            price(entry, "/entries/" + i, contracts, violations).ifPresent(toPost::add);
        }
        if (!violations.isEmpty()) {
            return refused("The ERP refused the time entries", violations);
        }
        List<ErpReference> references = new ArrayList<>();
        for (Priced priced : toPost) {
            references.add(post(priced, delivery));
        }
        return new PostingOutcome.Posted(references);
    }

    /** The entry with its line, cost and value; empty when it changes nothing (a repeat, or overtaken). */
    private Optional<Priced> price(TimeEntry entry, String at, Map<String, ContractState> contracts,
            List<Violation> violations) {
        ProjectRow project = ProjectRow.findById(entry.projectCode());
        if (project == null) {
            violations.add(new Violation(at + "/projectCode", "UNKNOWN_PROJECT", "no project " + entry.projectCode()
                    + " in the ERP"));
            return Optional.empty();
        }
        Optional<TaskTerms> task = json.read(project.state, ProjectState.class).task(entry.taskCode());
        if (task.isEmpty()) {
            violations.add(new Violation(at + "/taskCode", "UNKNOWN_TASK", "project " + entry.projectCode()
                    + " has no task " + entry.taskCode()));
            return Optional.empty();
        }
        Integer latest = entityManager.createQuery(
                "select max(t.version) from TimeEntryRow t where t.externalId = ?1", Integer.class)
                .setParameter(1, entry.externalId())
                .getSingleResult();
        // the same version again is a duplicate, an older one is overtaken: neither changes anything
        if (latest != null && entry.version() <= latest) {
            return Optional.empty();
        }
        ContractState contract = contracts.computeIfAbsent(project.contractNumber, number -> json.read(
                ContractRow.<ContractRow>findById(number, LockModeType.PESSIMISTIC_WRITE).state, ContractState.class));
        ContractLineTerms line = contract.line(task.get().contractLine()).orElseThrow().terms();
        Optional<MasterRecord.Employee> employee = masterData.find(MasterDataType.EMPLOYEES, entry.employeeNumber());
        if (employee.isEmpty()) {
            violations.add(new Violation(at + "/employeeNumber", "UNKNOWN_EMPLOYEE", "no employee "
                    + entry.employeeNumber() + " in the ERP"));
            return Optional.empty();
        }
        if (line.billingMethod() == BillingMethod.FIXED_FEE_PERCENT_COMPLETE
                && !employee.get().currency().equals(contract.currency())) {
            violations.add(new Violation(at + "/employeeNumber", "COST_CURRENCY_MISMATCH", "employee "
                    + entry.employeeNumber() + " costs in " + employee.get().currency() + "; the sandbox measures"
                    + " progress of a " + contract.currency() + " contract in " + contract.currency() + " only"));
            return Optional.empty();
        }
        BigDecimal value = BigDecimal.ZERO;
        if (entry.billable() && line.billingMethod() == BillingMethod.TIME_AND_MATERIALS) {
            Optional<RoleRate> rate = line.rateFor(entry.role());
            if (rate.isEmpty()) {
                violations.add(new Violation(at + "/role", "NO_CONTRACT_RATE", "line " + line.lineNumber()
                        + " has no rate for role " + entry.role()));
                return Optional.empty();
            }
            value = entry.hours().multiply(rate.get().hourlyRate());
        }
        BigDecimal cost = RevenueRules.round(entry.hours().multiply(employee.get().costRate()),
                books.minorUnits(contract.currency()));
        return Optional.of(new Priced(entry, contract, line, cost, value));
    }

    private ErpReference post(Priced priced, Delivery delivery) {
        TimeEntry entry = priced.entry();
        ContractState contract = priced.contract();
        Optional<TimeEntryRow> previous = TimeEntryRow.<TimeEntryRow>find(
                "externalId = ?1 and superseded = false", entry.externalId()).firstResultOptional();
        previous.ifPresent(p -> {
            p.superseded = true;
            if (p.lineNumber != null) {
                books.timeCharged(p.contractNumber, p.lineNumber, p.value.negate());
            }
        });
        TimeEntryRow row = new TimeEntryRow();
        row.externalId = entry.externalId();
        row.version = entry.version();
        row.documentId = journal.nextDocumentId("TE");
        row.projectCode = entry.projectCode();
        row.taskCode = entry.taskCode();
        row.contractNumber = contract.contractNumber();
        row.lineNumber = priced.line().lineNumber();
        row.cost = priced.cost();
        row.value = priced.value();
        row.entry = json.write(entry);
        row.postedAt = DocumentJournal.now();
        row.persist();
        books.timeCharged(row.contractNumber, row.lineNumber, row.value);
        ErpReference reference = DocumentJournal.reference("TIME_ENTRY", row.documentId);
        journal.record(reference, entry.externalId(), entry.version(), entry, delivery);

        RevenueBooks.Source source = new RevenueBooks.Source(row.documentId, delivery.operationId(), entry.workDate());
        RevenueBooks.Cause cause = previous.isPresent() ? RevenueBooks.Cause.CORRECTION : RevenueBooks.Cause.WORK;
        String currency = contract.currency();
        if (previous.isPresent() && !samePlace(previous.get(), row)) {
            // the correction moved the work: take it off the line it was on
            TimeEntryRow before = previous.get();
            ContractState beforeContract = before.contractNumber.equals(contract.contractNumber()) ? contract
                    : json.read(ContractRow.<ContractRow>findById(before.contractNumber).state, ContractState.class);
            books.postCost(before.contractNumber, before.lineNumber, beforeContract.currency(), before.cost.negate(),
                    cause, source);
            beforeContract.line(before.lineNumber).ifPresent(l ->
                    books.recognize(before.contractNumber, beforeContract.currency(), l.terms(), cause, source));
            books.postCost(row.contractNumber, row.lineNumber, currency, row.cost, cause, source);
        } else {
            BigDecimal before = previous.map(p -> p.cost).orElse(BigDecimal.ZERO);
            books.postCost(row.contractNumber, row.lineNumber, currency, row.cost.subtract(before), cause, source);
        }
        books.recognize(contract.contractNumber(), currency, priced.line(), cause, source);
        return reference;
    }

    private static boolean samePlace(TimeEntryRow a, TimeEntryRow b) {
        return a.contractNumber.equals(b.contractNumber) && Objects.equals(a.lineNumber, b.lineNumber);
    }
}
