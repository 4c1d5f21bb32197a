package dev.sluice.masterdata;

import dev.sluice.domain.ApproveTime;
import dev.sluice.domain.BillingMethod;
import dev.sluice.domain.ContractLineTerms;
import dev.sluice.domain.ContractState;
import dev.sluice.domain.MasterDataType;
import dev.sluice.domain.MasterRecord;
import dev.sluice.domain.ProjectState;
import dev.sluice.domain.TaskTerms;
import dev.sluice.domain.TimeEntry;
import dev.sluice.erp.routing.ErpRouting;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rules for approved time. Entries are checked one by one and across the batch (no one works
 * more than 24 hours a day). A batch that spans contracts is delivered in one part per
 * contract, so each contract's writes keep their order.
 */
@ApplicationScoped
class TimeRules {

    private static final BigDecimal DAY = BigDecimal.valueOf(24);

    private final MasterData masterData;
    private final EffectiveDocuments documents;

    private final ErpRouting routing;

    TimeRules(MasterData masterData, EffectiveDocuments documents, ErpRouting routing) {
        this.masterData = masterData;
        this.documents = documents;
        this.routing = routing;
    }

    private record EmployeeDay(String employeeNumber, LocalDate workDate) {
    }

    ValidationResult check(ApproveTime batch, OffsetDateTime acceptedBefore) {
        Violations violations = new Violations();
        Map<String, Lookup<ProjectState>> projects = new HashMap<>();
        Map<String, Lookup<ContractState>> contracts = new HashMap<>();
        Map<String, List<TimeEntry>> byContract = new LinkedHashMap<>();
        Map<EmployeeDay, List<Integer>> days = new LinkedHashMap<>();
        Set<String> externalIds = new HashSet<>();
        for (int i = 0; i < batch.entries().size(); i++) {
            TimeEntry entry = batch.entries().get(i);
            String at = "/entries/" + i;
            if (!externalIds.add(entry.externalId())) {
                violations.add(at + "/externalId", "DUPLICATE_ENTRY", "entry " + entry.externalId()
                        + " appears more than once in the batch");
            }
            checkHours(entry, at, violations);
            days.computeIfAbsent(new EmployeeDay(entry.employeeNumber(), entry.workDate()), k -> new ArrayList<>())
                    .add(i);
            Lookup<ProjectState> project = projects.computeIfAbsent(entry.projectCode(),
                    code -> documents.project(code, acceptedBefore));
            Lookup<ContractState> contract = project.isFound()
                    ? contracts.computeIfAbsent(project.value().orElseThrow().contractNumber(),
                            number -> documents.contract(number, acceptedBefore))
                    : Lookup.absent();
            // people are looked up in the ERP the contract is routed to
            String backend = routing.backendNameFor(contract.value().map(ContractState::legalEntity).orElse(null));
            checkPeople(entry, at, backend, violations);
            if (project.isAbsent()) {
                violations.add(at + "/projectCode", "UNKNOWN_PROJECT", "no project " + entry.projectCode()
                        + " in the ERP or accepted for it");
                continue;
            }
            if (project.isUndecided()) {
                violations.undecidedDocument(at + "/projectCode", "project " + entry.projectCode());
                continue;
            }
            if (contract.isUndecided()) {
                violations.undecidedDocument(at + "/projectCode", "contract "
                        + project.value().orElseThrow().contractNumber() + " of project " + entry.projectCode());
                continue;
            }
            String contractNumber = project.value().orElseThrow().contractNumber();
            byContract.computeIfAbsent(contractNumber, k -> new ArrayList<>()).add(entry);
            Optional<TaskTerms> task = project.value().orElseThrow().task(entry.taskCode());
            if (task.isEmpty()) {
                violations.add(at + "/taskCode", "UNKNOWN_TASK", "project " + entry.projectCode() + " has no task "
                        + entry.taskCode());
                continue;
            }
            if (entry.billable() && !task.get().billable()) {
                violations.add(at + "/billable", "TASK_NOT_BILLABLE", "task " + entry.taskCode()
                        + " is not billable; send the entry as non-billable or charge a billable task");
            }
            contract.value().ifPresent(c -> checkAgainstContract(entry, at, c, task.get(), violations));
        }
        checkDays(batch, days, violations);
        List<ValidationResult.Routed> parts = new ArrayList<>();
        byContract.forEach((contractNumber, entries) -> {
            String legalEntity = contracts.get(contractNumber).value().map(ContractState::legalEntity).orElse(null);
            parts.add(new ValidationResult.Routed(contractNumber, new ApproveTime(entries), routing.backendNameFor(legalEntity),
                    legalEntity));
        });
        return violations.checked(parts);
    }

    private static void checkHours(TimeEntry entry, String at, Violations violations) {
        if (entry.hours().signum() <= 0 || entry.hours().compareTo(DAY) > 0) {
            violations.add(at + "/hours", "HOURS_OUT_OF_RANGE", "hours must be more than 0 and at most 24, not "
                    + entry.hours().toPlainString());
        }
    }

    private void checkPeople(TimeEntry entry, String at, String backend, Violations violations) {
        Lookup<MasterRecord.Employee> employee = masterData.lookup(backend, MasterDataType.EMPLOYEES,
                entry.employeeNumber());
        if (employee.isAbsent()) {
            violations.add(at + "/employeeNumber", "UNKNOWN_EMPLOYEE", "no employee " + entry.employeeNumber()
                    + " in the ERP");
        } else if (employee.isUndecided()) {
            violations.undecided(at + "/employeeNumber", "employee " + entry.employeeNumber());
        } else if (!employee.value().orElseThrow().employedOn(entry.workDate())) {
            violations.add(at + "/employeeNumber", "EMPLOYEE_TERMINATED", "employee " + entry.employeeNumber()
                    + " left on " + employee.value().orElseThrow().terminationDate() + ", before the work date "
                    + entry.workDate());
        }
        LocalDate approvedOn = entry.approvedAt().toLocalDate();
        Lookup<MasterRecord.Employee> approver = masterData.lookup(backend, MasterDataType.EMPLOYEES,
                entry.approvedBy());
        if (approver.isAbsent()) {
            violations.add(at + "/approvedBy", "UNKNOWN_EMPLOYEE", "no employee " + entry.approvedBy()
                    + " in the ERP");
        } else if (approver.isUndecided()) {
            violations.undecided(at + "/approvedBy", "employee " + entry.approvedBy());
        } else if (!approver.value().orElseThrow().employedOn(approvedOn)) {
            violations.add(at + "/approvedBy", "EMPLOYEE_TERMINATED", "approver " + entry.approvedBy() + " left on "
                    + approver.value().orElseThrow().terminationDate() + ", before approving on " + approvedOn);
        }
        if (approvedOn.isBefore(entry.workDate())) {
            violations.add(at + "/approvedAt", "APPROVED_BEFORE_WORK", "time worked on " + entry.workDate()
                    + " cannot have been approved on " + approvedOn);
        }
    }

    private static void checkAgainstContract(TimeEntry entry, String at, ContractState contract, TaskTerms task,
            Violations violations) {
        if (contract.holdsTerms()
                && (entry.workDate().isBefore(contract.startDate()) || entry.workDate().isAfter(contract.endDate()))) {
            violations.add(at + "/workDate", "WORK_DATE_OUTSIDE_CONTRACT", "contract " + contract.contractNumber()
                    + " runs from " + contract.startDate() + " to " + contract.endDate());
        }
        Optional<ContractLineTerms> line = contract.line(task.contractLine()).map(ContractState.Line::terms);
        if (entry.billable() && line.isPresent() && line.get().billingMethod() == BillingMethod.TIME_AND_MATERIALS
                && line.get().rateFor(entry.role()).isEmpty()) {
            violations.add(at + "/role", "NO_CONTRACT_RATE", "line " + task.contractLine() + " of contract "
                    + contract.contractNumber() + " has no rate for role " + entry.role());
        }
    }

    private static void checkDays(ApproveTime batch, Map<EmployeeDay, List<Integer>> days, Violations violations) {
        days.forEach((day, indexes) -> {
            BigDecimal total = indexes.stream().map(i -> batch.entries().get(i).hours())
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            if (indexes.size() > 1 && total.compareTo(DAY) > 0) {
                for (int i : indexes) {
                    violations.add("/entries/" + i + "/hours", "DAILY_HOURS_EXCEEDED", day.employeeNumber()
                            + " has " + total.toPlainString() + " hours on " + day.workDate()
                            + " in this batch; at most 24");
                }
            }
        });
    }
}
