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
class Books {

    /** Why a line is being brought up to date; names the rule of the postings it produces. */
    enum Cause { WORK, CORRECTION, CATCH_UP, PROSPECTIVE }

    /** What caused postings: a document of an operation, effective on a date. */
    record Source(String documentId, UUID operationId, LocalDate effectiveDate) {
    }

    /** A line's sums so far. */
    record Totals(BigDecimal recognized, BigDecimal billed, BigDecimal cost) {
        static final Totals NONE = new Totals(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /**
     * A line's sums as one posting sees them: read from the books once, then kept up to date with
     * what the posting adds, so a batch of time does not sum a contract's whole history per entry.
     * Good for one transaction; every posting of it must go through the same ledger.
     */
    final class Ledger {
        private final Map<String, Map<Integer, Totals>> totals = new HashMap<>();
        private final Map<String, BigDecimal> timeValues = new HashMap<>();
        private final Map<String, Basis> bases = new HashMap<>();

        Totals totals(String contractNumber, int lineNumber) {
            return totals.computeIfAbsent(contractNumber, Books.this::totals).getOrDefault(lineNumber, Totals.NONE);
        }

        BigDecimal timeValue(String contractNumber, int lineNumber) {
            return timeValues.computeIfAbsent(contractNumber + "#" + lineNumber,
                    key -> Books.this.timeValue(contractNumber, lineNumber));
        }

        /** Time and work never change a line's basis; only a change order does, through its own ledger. */
        Basis basis(String contractNumber, int lineNumber) {
            return bases.computeIfAbsent(contractNumber + "#" + lineNumber,
                    key -> Books.this.basis(contractNumber, lineNumber));
        }

        /** The value of a line's current time changed by {@code delta} (a new entry, or one superseded). */
        void timeValueChanged(String contractNumber, int lineNumber, BigDecimal delta) {
            timeValues.computeIfPresent(contractNumber + "#" + lineNumber, (key, value) -> value.add(delta));
        }

        private void posted(String contractNumber, int lineNumber, Kind kind, BigDecimal amount) {
            Map<Integer, Totals> lines = totals.get(contractNumber);
            if (lines == null) {
                return; // read from the books, this posting included, when first asked
            }
            Totals before = lines.getOrDefault(lineNumber, Totals.NONE);
            lines.put(lineNumber, switch (kind) {
                case REVENUE -> new Totals(before.recognized().add(amount), before.billed(), before.cost());
                case BILLING -> new Totals(before.recognized(), before.billed().add(amount), before.cost());
                case COST -> new Totals(before.recognized(), before.billed(), before.cost().add(amount));
            });
        }
    }

    private final EntityManager entityManager;
    private final SandboxMasterData masterData;

    Books(EntityManager entityManager, SandboxMasterData masterData) {
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

    /** The value of the current versions of the time charged to a line. */
    BigDecimal timeValue(String contractNumber, int lineNumber) {
        BigDecimal value = entityManager.createQuery("""
                select sum(t.value) from TimeEntryRow t
                where t.contractNumber = ?1 and t.lineNumber = ?2 and t.superseded = false""", BigDecimal.class)
                .setParameter(1, contractNumber)
                .setParameter(2, lineNumber)
                .getSingleResult();
        return value == null ? BigDecimal.ZERO : value;
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

    /** A ledger for the postings of one transaction. */
    Ledger ledger() {
        return new Ledger();
    }

    /** Posts the cost of work, or the difference a correction makes to it. */
    void postCost(Ledger ledger, String contractNumber, int lineNumber, String currency, BigDecimal amount,
            Cause cause, Source source) {
        post(ledger, contractNumber, lineNumber, currency, Kind.COST, amount,
                cause == Cause.CORRECTION ? "COST_CORRECTION" : "COST", source);
    }

    /**
     * Brings a line's revenue and billing up to date with its terms, its basis and the work on
     * it. Milestone lines change only when a milestone is accepted ({@link #acceptMilestone}).
     */
    void recognize(String contractNumber, String currency, ContractLineTerms line, Cause cause, Source source) {
        recognize(ledger(), contractNumber, currency, line, cause, source);
    }

    /** {@link #recognize(String, String, ContractLineTerms, Cause, Source)} within a posting's ledger. */
    void recognize(Ledger ledger, String contractNumber, String currency, ContractLineTerms line, Cause cause,
            Source source) {
        int units = minorUnits(currency);
        Totals totals = ledger.totals(contractNumber, line.lineNumber());
        Basis basis = ledger.basis(contractNumber, line.lineNumber());
        int number = line.lineNumber();
        switch (line.billingMethod()) {
            case TIME_AND_MATERIALS -> {
                BigDecimal value = ledger.timeValue(contractNumber, number);
                BigDecimal target = RevenueRules.round(
                        RevenueRules.timeAndMaterials(value, line.notToExceed(), basis), units);
                String rule = RevenueRules.capBinds(value, line.notToExceed(), basis) ? "TM_NOT_TO_EXCEED"
                        : cause == Cause.WORK ? "TM_TIME" : "TM_" + cause.name();
                // the right to invoice: what is recognized is billed
                post(ledger, contractNumber, number, currency, Kind.REVENUE, target.subtract(totals.recognized()), rule, source);
                post(ledger, contractNumber, number, currency, Kind.BILLING, target.subtract(totals.billed()), rule, source);
            }
            case FIXED_FEE_PERCENT_COMPLETE -> {
                BigDecimal target = RevenueRules.round(RevenueRules.percentComplete(line.amount(),
                        line.estimatedCost(), totals.cost(), basis), units);
                post(ledger, contractNumber, number, currency, Kind.REVENUE, target.subtract(totals.recognized()),
                        cause == Cause.WORK ? "POC_PROGRESS" : "POC_" + cause.name(), source);
                if (totals.cost().compareTo(line.estimatedCost()) >= 0) {
                    BigDecimal due = RevenueRules.round(line.amount(), units).subtract(totals.billed());
                    if (due.signum() > 0) {
                        post(ledger, contractNumber, number, currency, Kind.BILLING, due, "POC_COMPLETION_BILLING", source);
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
        Ledger ledger = ledger();
        post(ledger, contractNumber, lineNumber, currency, Kind.REVENUE, amount, "MILESTONE_ACCEPTANCE", source);
        post(ledger, contractNumber, lineNumber, currency, Kind.BILLING, amount, "MILESTONE_ACCEPTANCE", source);
    }

    /** The postings one operation produced, oldest first. */
    List<PostingRow> postingsOf(UUID operationId) {
        return PostingRow.list("operationId = ?1 order by id", operationId);
    }

    private void post(Ledger ledger, String contractNumber, int lineNumber, String currency, Kind kind,
            BigDecimal amount, String rule, Source source) {
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
        posting.postedAt = Journal.now();
        posting.persist();
        entityManager.createNativeQuery("""
                insert into sandbox.line_balance (contract_number, line_number, recognized, billed, cost)
                values (?1, ?2, ?3, ?4, ?5)
                on conflict (contract_number, line_number) do update set
                    recognized = line_balance.recognized + excluded.recognized,
                    billed = line_balance.billed + excluded.billed,
                    cost = line_balance.cost + excluded.cost""")
                .setParameter(1, contractNumber)
                .setParameter(2, lineNumber)
                .setParameter(3, kind == Kind.REVENUE ? amount : BigDecimal.ZERO)
                .setParameter(4, kind == Kind.BILLING ? amount : BigDecimal.ZERO)
                .setParameter(5, kind == Kind.COST ? amount : BigDecimal.ZERO)
                .executeUpdate();
        ledger.posted(contractNumber, lineNumber, kind, amount);
    }
}
