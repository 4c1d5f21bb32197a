package dev.sluice.erp.sandbox;

import dev.sluice.domain.BillingMethod;
import dev.sluice.domain.CompleteMilestone;
import dev.sluice.domain.ContractLineTerms;
import dev.sluice.domain.ContractState;
import dev.sluice.domain.FinancialPosition;
import dev.sluice.platform.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A contract as its books stand: each line's recognized, billed and cost to date (sums of its
 * postings), the milestones' progress, and the contract's position netted over its lines.
 */
@ApplicationScoped
class Positions {

    private final RevenueBooks books;
    private final Json json;

    Positions(RevenueBooks books, Json json) {
        this.books = books;
        this.json = json;
    }

    ContractState of(ContractState contract) {
        int units = books.minorUnits(contract.currency());
        Map<Integer, RevenueBooks.Totals> totals = books.totals(contract.contractNumber());
        Map<String, ContractState.MilestoneProgress> progress = milestoneProgress(contract.contractNumber());
        FinancialPosition whole = FinancialPosition.zero(units);
        List<ContractState.Line> lines = new ArrayList<>();
        for (ContractState.Line line : contract.lines()) {
            FinancialPosition position = position(line.terms(), totals.getOrDefault(line.terms().lineNumber(),
                    RevenueBooks.Totals.NONE), units);
            whole = whole.plus(position);
            List<ContractState.MilestoneProgress> milestones = line.terms().milestones().stream()
                    .map(m -> progress.get(m.milestoneCode()))
                    .filter(p -> p != null)
                    .toList();
            lines.add(new ContractState.Line(line.terms(), line.addedByChangeOrder(), position, milestones));
        }
        return contract.withLines(lines).withPosition(whole);
    }

    private static FinancialPosition position(ContractLineTerms line, RevenueBooks.Totals totals, int units) {
        boolean measuresCost = line.billingMethod() == BillingMethod.FIXED_FEE_PERCENT_COMPLETE
                || totals.cost().signum() != 0;
        BigDecimal cost = measuresCost ? RevenueRules.round(totals.cost(), units) : null;
        BigDecimal percent = line.billingMethod() == BillingMethod.FIXED_FEE_PERCENT_COMPLETE
                ? RevenueRules.percent(totals.cost(), line.estimatedCost())
                : null;
        return new FinancialPosition(RevenueRules.round(totals.recognized(), units),
                RevenueRules.round(totals.billed(), units), cost, percent);
    }

    /** The latest progress reported for each milestone, accepted once any report accepted it. */
    private Map<String, ContractState.MilestoneProgress> milestoneProgress(String contractNumber) {
        Map<String, ContractState.MilestoneProgress> progress = new LinkedHashMap<>();
        List<MilestoneCompletionRow> rows = MilestoneCompletionRow.list("contractNumber = ?1 order by postedAt, documentId",
                contractNumber);
        for (MilestoneCompletionRow row : rows) {
            CompleteMilestone completion = json.read(row.completion, CompleteMilestone.class);
            boolean accepted = row.accepted || (progress.containsKey(row.milestoneCode)
                    && progress.get(row.milestoneCode).accepted());
            progress.put(row.milestoneCode, new ContractState.MilestoneProgress(row.milestoneCode,
                    completion.percentComplete(), accepted));
        }
        return progress;
    }
}
