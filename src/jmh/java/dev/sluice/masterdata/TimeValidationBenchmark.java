package dev.sluice.masterdata;

import dev.sluice.bench.InMemoryErp;
import dev.sluice.bench.TimeBatches;
import dev.sluice.domain.ApproveTime;
import dev.sluice.domain.MasterDataType;
import dev.sluice.domain.Violation;
import dev.sluice.erp.routing.DocumentLocator;
import dev.sluice.erp.routing.ErpRouting;
import dev.sluice.support.MasterDataSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Master-data validation of a 100-entry time-approval batch: {@link CommandValidator#check}
 * (so {@code TimeRules#check}) of an {@code ApproveTime} made from a request body as the API makes
 * it ({@link TimeBatches}: 20 employees' week, 4 projects on 4 contracts).
 *
 * <p>Everything it reads is in memory, so only the gateway's own work is measured. The employees
 * are in {@link MasterData}'s synced copy, put there as {@code MasterDataSync} does
 * ({@link MasterData#replace}). Projects and contracts come through the real
 * {@link EffectiveDocuments}, from the gateway's view as if each had been posted through it
 * ({@link InMemoryView}, over an {@link InMemoryErp}), with {@link NoPendingWrites} standing in
 * for the database. In production each distinct project and contract of a batch costs database
 * queries (the view and the pending writes); those are not measured.
 *
 * <p>{@code validBatch}: every entry valid (asserted in setup: no violations, one part per
 * contract). {@code everyEntryUnknownEmployee}: the same batch with each entry naming a different
 * unknown employee (asserted: exactly 100 violations, all {@code UNKNOWN_EMPLOYEE}), the "answer with
 * every violation" path; their absence is the ERP's answer kept in MasterData's negative cache,
 * as it would be for a repeated request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TimeValidationBenchmark {

    private static final int ENTRIES = 100;

    private CommandValidator validator;
    private ApproveTime valid;
    private ApproveTime unknownEmployees;

    @Setup
    public void setUp() {
        InMemoryErp erp = new InMemoryErp(500);
        ErpRouting routing = erp.routing();
        MasterDataConfig config = MasterDataSettings.defaults();
        MasterData masterData = new MasterData(routing, config);
        masterData.replace(InMemoryErp.NAME, MasterDataType.EMPLOYEES, erp.employees(), Instant.now());
        NoPendingWrites pending = new NoPendingWrites();
        InMemoryView view = new InMemoryView(erp);
        EffectiveDocuments documents = new EffectiveDocuments(pending, view,
                new ErpDocuments(routing, new DocumentLocator(routing), view, pending));
        validator = new CommandValidator(new ContractRules(masterData, documents, routing),
                new ProjectRules(masterData, documents, routing), new TimeRules(masterData, documents, routing),
                new MilestoneRules(documents, routing));

        valid = TimeBatches.command(TimeBatches.body(ENTRIES));
        ValidationResult checked = validator.check(valid);
        if (valid.entries().size() != ENTRIES || !checked.valid()
                || checked.parts().size() != TimeBatches.PROJECTS) {
            throw new IllegalStateException("the valid batch does not check out: " + checked.violations().size()
                    + " violations, first " + checked.violations().stream().findFirst().orElse(null) + "; "
                    + checked.parts().size() + " parts");
        }

        Map<String, Object> body = TimeBatches.body(ENTRIES);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) body.get("entries");
        for (int i = 0; i < entries.size(); i++) {
            entries.get(i).put("employeeNumber", "EMP-" + (9000 + i));
        }
        unknownEmployees = TimeBatches.command(body);
        ValidationResult refused = validator.check(unknownEmployees);
        if (refused.violations().size() != ENTRIES
                || !refused.violations().stream().map(Violation::code).allMatch("UNKNOWN_EMPLOYEE"::equals)) {
            throw new IllegalStateException("expected one UNKNOWN_EMPLOYEE per entry, got " + refused.violations());
        }
    }

    @Benchmark
    public ValidationResult validBatch() {
        return validator.check(valid);
    }

    @Benchmark
    public ValidationResult everyEntryUnknownEmployee() {
        return validator.check(unknownEmployees);
    }
}
