package dev.sluice.bench;

import dev.sluice.domain.BillingMethod;
import dev.sluice.domain.ContractLineTerms;
import dev.sluice.domain.ContractState;
import dev.sluice.domain.ErpReference;
import dev.sluice.domain.MasterDataType;
import dev.sluice.domain.MasterRecord;
import dev.sluice.domain.MilestoneTerms;
import dev.sluice.domain.Page;
import dev.sluice.domain.ProjectState;
import dev.sluice.domain.RoleRate;
import dev.sluice.domain.TaskTerms;
import dev.sluice.erp.Delivery;
import dev.sluice.erp.ErpBackend;
import dev.sluice.erp.PostingOutcome;
import dev.sluice.erp.routing.ErpRouting;
import dev.sluice.support.OneBackend;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ERP held in memory, for benchmarks: the employees, and the contracts and projects of
 * {@link TimeBatches}, shaped like the tests' {@code Bodies} (contract lines 1 time and materials,
 * 2 milestones, 3 percent complete; project tasks T1 billable, T2 not, T3 billable). It answers at
 * once, so what a benchmark measures is the gateway's own work on what an ERP answered.
 */
public final class InMemoryErp implements ErpBackend {

    /** The backend's name in routing. */
    public static final String NAME = "erp";

    private final List<MasterRecord.Employee> employees = new ArrayList<>();
    private final Map<String, MasterRecord.Employee> employeesByNumber = new HashMap<>();
    private final Map<String, ContractState> contracts = new HashMap<>();
    private final Map<String, ProjectState> projects = new HashMap<>();

    /** {@code employeeCount} employees EMP-001.., all active, and the {@link TimeBatches} documents. */
    public InMemoryErp(int employeeCount) {
        for (int n = 1; n <= employeeCount; n++) {
            MasterRecord.Employee employee = new MasterRecord.Employee(TimeBatches.employeeNumber(n), "Employee " + n,
                    "CONSULTANT", new BigDecimal("80.00"), "USD", "US01", MasterRecord.Employee.Status.ACTIVE, null);
            employees.add(employee);
            employeesByNumber.put(employee.key(), employee);
        }
        for (int p = 0; p < TimeBatches.PROJECTS; p++) {
            String contractNumber = TimeBatches.contractNumber(p);
            String projectCode = TimeBatches.projectCode(p);
            contracts.put(contractNumber, contract(contractNumber));
            projects.put(projectCode, new ProjectState(projectCode, contractNumber, "ERP roll-out", "EMP-007", null,
                    ProjectState.Status.ACTIVE, List.of(
                            new TaskTerms("T1", "Build", 1, true),
                            new TaskTerms("T2", "Internal review", 1, false),
                            new TaskTerms("T3", "Implementation", 3, true)),
                    new ErpReference(NAME, "project", projectCode)));
        }
    }

    /**
     * Routing with this ERP as its only backend, called without the gateway's guard: a benchmark
     * runs outside the application, where the fault-tolerance runtime is not.
     */
    public ErpRouting routing() {
        return OneBackend.unguarded(NAME, this);
    }

    public List<MasterRecord.Employee> employees() {
        return List.copyOf(employees);
    }

    private static ContractState contract(String contractNumber) {
        List<ContractState.Line> lines = List.of(
                new ContractState.Line(new ContractLineTerms(1, "SVC-TM", BillingMethod.TIME_AND_MATERIALS,
                        "Consulting", List.of(new RoleRate("CONSULTANT", new BigDecimal("150.00")),
                                new RoleRate("SENIOR_CONSULTANT", new BigDecimal("190.00"))),
                        new BigDecimal("100000.00"), null, null, List.of()), null),
                new ContractState.Line(new ContractLineTerms(2, "SVC-FF", BillingMethod.FIXED_FEE_MILESTONE,
                        "Milestones", List.of(), null, new BigDecimal("50000.00"), null, List.of(
                                new MilestoneTerms(contractNumber + "-M1", "Design signed off",
                                        new BigDecimal("20000.00"), LocalDate.of(2026, 4, 30)),
                                new MilestoneTerms(contractNumber + "-M2", "Go-live", new BigDecimal("30000.00"),
                                        LocalDate.of(2026, 9, 30)))),
                        null),
                new ContractState.Line(new ContractLineTerms(3, "SVC-POC", BillingMethod.FIXED_FEE_PERCENT_COMPLETE,
                        "Implementation", List.of(), null, new BigDecimal("1000000.00"), new BigDecimal("700000.00"),
                        List.of()), null));
        return new ContractState(contractNumber, "CUST-001", "US01", "USD", LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 12, 31), "Managed ERP roll-out", ContractState.Status.ACTIVE, lines, List.of(),
                new ErpReference(NAME, "contract", contractNumber), null);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public <T extends MasterRecord> Page<T> list(MasterDataType<T> type, String afterKey, int limit) {
        if (type != MasterDataType.EMPLOYEES || afterKey != null) {
            return new Page<>(List.of(), null);
        }
        return new Page<>(employees.stream().map(type::cast).toList(), null);
    }

    @Override
    public <T extends MasterRecord> Optional<T> find(MasterDataType<T> type, String key) {
        return type == MasterDataType.EMPLOYEES ? Optional.ofNullable(employeesByNumber.get(key)).map(type::cast)
                : Optional.empty();
    }

    @Override
    public Optional<ContractState> findContract(String contractNumber) {
        return Optional.ofNullable(contracts.get(contractNumber));
    }

    @Override
    public Optional<ProjectState> findProject(String projectCode) {
        return Optional.ofNullable(projects.get(projectCode));
    }

    @Override
    public PostingOutcome post(Delivery delivery) {
        throw new UnsupportedOperationException("benchmarks do not post");
    }
}
