package dev.sluice.erp.sandbox;

import dev.sluice.domain.BillingMethod;
import dev.sluice.domain.ContractLineTerms;
import dev.sluice.domain.MasterDataType;
import dev.sluice.domain.MilestoneTerms;
import dev.sluice.erp.sandbox.PostingRow.Kind;
import dev.sluice.erp.sandbox.RevenueRules.Basis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The sandbox's books: postings of revenue, billing and cost per contract line, and the rules
 * that bring a line's recognition up to date after work, a correction, an acceptance or a
 * change order. Every posting is a difference against what is already in the books, so history
 * is never rewritten, and totals are sums of what was posted, kept as each line's balance.
 */
@ApplicationScoped
class RevenueBooks {

    /** Why a line is being brought up to date; names the rule of the postings it produces. */
    enum Cause { WORK, CORRECTION, CATCH_UP, PROSPECTIVE }

    /** What caused postings: a document of an operation, effective on a date. */
    record Source(String documentId, UUID operationId, LocalDate effectiveDate) {
    }

    /** A line's sums so far. */
    record Totals(BigDecimal recognized, BigDecimal billed, BigDecimal cost) {
        static final Totals NONE = new Totals(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    private final EntityManager entityManager;
    private final SandboxMasterData masterData;

    RevenueBooks(EntityManager entityManager, SandboxMasterData masterData) {
        this.entityManager = entityManager;
        this.masterData = masterData;
    }

    int minorUnits(String currency) {
        return masterData.find(MasterDataType.CURRENCIES, currency)
                .map(c -> c.minorUnits())
                .orElseThrow(() -> new IllegalStateException("The sandbox has no currency " + currency));
    }

    Totals totals(String contractNumber, int lineNumber) {
        return totals(contractNumber).getOrDefault(lineNumber, Totals.NONE);
    }

    /** Each line's sums, from its balance (kept with every posting, see {@link #post}). */
    Map<Integer, Totals> totals(String contractNumber) {
        entityManager.flush();
        List<?> rows = entityManager.createNativeQuery("""
                select line_number, recognized, billed, cost from sandbox.line_balance
                where contract_number = ?1""")
                .setParameter(1, contractNumber)
                .getResultList();
        Map<Integer, Totals> totals = new HashMap<>();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            totals.put(((Number) columns[0]).intValue(), new Totals((BigDecimal) columns[1], (BigDecimal) columns[2],
                    (BigDecimal) columns[3]));
        }
        return totals;
    }

    boolean hasPostings(String contractNumber, int lineNumber) {
        return PostingRow.count("contractNumber = ?1 and lineNumber = ?2", contractNumber, lineNumber) > 0;
    }

    /** The value of the current versions of the time charged to a line, from its balance. */
    BigDecimal timeValue(String contractNumber, int lineNumber) {
        entityManager.flush();
        List<?> value = entityManager.createNativeQuery("""
                select time_value from sandbox.line_balance where contract_number = ?1 and line_number = ?2""")
                .setParameter(1, contractNumber)
                .setParameter(2, lineNumber)
                .getResultList();
        return value.isEmpty() ? BigDecimal.ZERO : (BigDecimal) value.get(0);
    }

    /** Time charged to a line changed its value by {@code delta}: a new entry, or one superseded. */
    void timeCharged(String contractNumber, int lineNumber, BigDecimal delta) {
        if (delta.signum() == 0) {
            return;
        }
        addToBalance(contractNumber, lineNumber, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, delta);
    }

    Basis basis(String contractNumber, int lineNumber) {
        LineBasisRow row = LineBasisRow.findById(LineBasisRow.key(contractNumber, lineNumber));
        return row == null ? Basis.ORIGIN : new Basis(row.recognized, row.measure);
    }

    /** The measure recognition of a line follows: cost to date, or for T&M the value of its time. */
    BigDecimal measure(String contractNumber, ContractLineTerms line) {
        return line.billingMethod() == BillingMethod.TIME_AND_MATERIALS
                ? timeValue(contractNumber, line.lineNumber())
                : totals(contractNumber, line.lineNumber()).cost();
    }

    /** A cumulative catch-up: the line's new terms apply to all work to date. */
    void resetBasis(String contractNumber, int lineNumber) {
        LineBasisRow.delete("contractNumber = ?1 and lineNumber = ?2", contractNumber, lineNumber);
    }

    /** A prospective change: what was recognized stays; the rest is spread over what is still to come. */
    void fixBasis(String contractNumber, ContractLineTerms line, String changeOrderNumber) {
        BigDecimal recognized = totals(contractNumber, line.lineNumber()).recognized();
        BigDecimal measure = measure(contractNumber, line);
        LineBasisRow row = LineBasisRow.findById(LineBasisRow.key(contractNumber, line.lineNumber()));
        boolean created = row == null;
        if (created) {
            row = new LineBasisRow();
            row.contractNumber = contractNumber;
            row.lineNumber = line.lineNumber();
        }
        row.recognized = recognized;
        row.measure = measure;
        row.changeOrderNumber = changeOrderNumber;
        if (created) {
            row.persist();
        }
    }

    /** Posts the cost of work, or the difference a correction makes to it. */
    void postCost(String contractNumber, int lineNumber, String currency, BigDecimal amount, Cause cause,
            Source source) {
        post(contractNumber, lineNumber, currency, Kind.COST, amount,
                cause == Cause.CORRECTION ? "COST_CORRECTION" : "COST", source);
    }

    /**
     * Brings a line's revenue and billing up to date with its terms, its basis and the work on
     * it. Milestone lines change only when a milestone is accepted ({@link #acceptMilestone}).
     */
    void recognize(String contractNumber, String currency, ContractLineTerms line, Cause cause, Source source) {
        int units = minorUnits(currency);
        Totals totals = totals(contractNumber, line.lineNumber());
        Basis basis = basis(contractNumber, line.lineNumber());
        int number = line.lineNumber();
        switch (line.billingMethod()) {
            case TIME_AND_MATERIALS -> {
                BigDecimal value = timeValue(contractNumber, number);
                BigDecimal target = RevenueRules.round(
                        RevenueRules.timeAndMaterials(value, line.notToExceed(), basis), units);
                String rule = RevenueRules.capBinds(value, line.notToExceed(), basis) ? "TM_NOT_TO_EXCEED"
                        : cause == Cause.WORK ? "TM_TIME" : "TM_" + cause.name();
                // the right to invoice: what is recognized is billed
                post(contractNumber, number, currency, Kind.REVENUE, target.subtract(totals.recognized()), rule, source);
                post(contractNumber, number, currency, Kind.BILLING, target.subtract(totals.billed()), rule, source);
            }
            case FIXED_FEE_PERCENT_COMPLETE -> {
                BigDecimal target = RevenueRules.round(RevenueRules.percentComplete(line.amount(),
                        line.estimatedCost(), totals.cost(), basis), units);
                post(contractNumber, number, currency, Kind.REVENUE, target.subtract(totals.recognized()),
                        cause == Cause.WORK ? "POC_PROGRESS" : "POC_" + cause.name(), source);
                if (totals.cost().compareTo(line.estimatedCost()) >= 0) {
                    BigDecimal due = RevenueRules.round(line.amount(), units).subtract(totals.billed());
                    if (due.signum() > 0) {
                        post(contractNumber, number, currency, Kind.BILLING, due, "POC_COMPLETION_BILLING", source);
                    }
                }
            }
            case FIXED_FEE_MILESTONE -> {
                // recognized and billed milestone by milestone, on acceptance
            }
        }
    }

    /** A milestone's amount is recognized and billed when the customer accepts it, once. */
    void acceptMilestone(String contractNumber, String currency, int lineNumber, MilestoneTerms milestone,
            Source source) {
        BigDecimal amount = RevenueRules.round(milestone.amount(), minorUnits(currency));
        post(contractNumber, lineNumber, currency, Kind.REVENUE, amount, "MILESTONE_ACCEPTANCE", source);
        post(contractNumber, lineNumber, currency, Kind.BILLING, amount, "MILESTONE_ACCEPTANCE", source);
    }

    /** The postings one operation produced, oldest first. */
    List<PostingRow> postingsOf(UUID operationId) {
        return PostingRow.list("operationId = ?1 order by id", operationId);
    }

    private void post(String contractNumber, int lineNumber, String currency, Kind kind, BigDecimal amount,
            String rule, Source source) {
        if (amount.signum() == 0) {
            return;
        }
        PostingRow posting = new PostingRow();
        posting.contractNumber = contractNumber;
        posting.lineNumber = lineNumber;
        posting.kind = kind;
        posting.amount = amount;
        posting.currency = currency;
        posting.rule = rule;
        posting.documentId = source.documentId();
        posting.operationId = source.operationId();
        posting.effectiveDate = source.effectiveDate();
        posting.postedAt = DocumentJournal.now();
        posting.persist();
        addToBalance(contractNumber, lineNumber, kind == Kind.REVENUE ? amount : BigDecimal.ZERO,
                kind == Kind.BILLING ? amount : BigDecimal.ZERO, kind == Kind.COST ? amount : BigDecimal.ZERO,
                BigDecimal.ZERO);
    }

    private void addToBalance(String contractNumber, int lineNumber, BigDecimal recognized, BigDecimal billed,
            BigDecimal cost, BigDecimal timeValue) {
        entityManager.createNativeQuery("""
                insert into sandbox.line_balance (contract_number, line_number, recognized, billed, cost, time_value)
                values (?1, ?2, ?3, ?4, ?5, ?6)
                on conflict (contract_number, line_number) do update set
                    recognized = line_balance.recognized + excluded.recognized,
                    billed = line_balance.billed + excluded.billed,
                    cost = line_balance.cost + excluded.cost,
                    time_value = line_balance.time_value + excluded.time_value""")
                .setParameter(1, contractNumber)
                .setParameter(2, lineNumber)
                .setParameter(3, recognized)
                .setParameter(4, billed)
                .setParameter(5, cost)
                .setParameter(6, timeValue)
                .executeUpdate();
    }
}
