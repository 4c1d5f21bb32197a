package dev.sluice.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One performance obligation of a contract. Which of the optional amounts apply depends on
 * the {@link BillingMethod}.
 */
public record ContractLineTerms(
        int lineNumber,
        String itemNumber,
        BillingMethod billingMethod,
        String description,
        List<RoleRate> rates,
        BigDecimal notToExceed,
        BigDecimal amount,
        BigDecimal estimatedCost,
        List<MilestoneTerms> milestones) {

    public ContractLineTerms {
        rates = rates == null ? List.of() : List.copyOf(rates);
        milestones = milestones == null ? List.of() : List.copyOf(milestones);
    }

    /**
     * The line as a change amends it: each delta added to its value. A delta on a value the line
     * does not have leaves it absent (validation reports that).
     */
    public ContractLineTerms amendedBy(LineChange change) {
        return new ContractLineTerms(lineNumber, itemNumber, billingMethod, description, rates,
                plus(notToExceed, change.notToExceedDelta()), plus(amount, change.amountDelta()),
                plus(estimatedCost, change.estimatedCostDelta()), milestones);
    }

    /**
     * What is wrong with applying a change to this line: a delta on a value the line does not
     * have, or one that would take a value below zero. {@code at} points at the change.
     */
    public List<Violation> problemsWith(LineChange change, String at) {
        List<Violation> problems = new ArrayList<>();
        checkDelta(amount, change.amountDelta(), at + "/amountDelta", "amount", problems);
        checkDelta(estimatedCost, change.estimatedCostDelta(), at + "/estimatedCostDelta", "estimated cost", problems);
        checkDelta(notToExceed, change.notToExceedDelta(), at + "/notToExceedDelta", "not-to-exceed amount", problems);
        return problems;
    }

    private static void checkDelta(BigDecimal value, BigDecimal delta, String pointer, String what,
            List<Violation> problems) {
        if (delta == null) {
            return;
        }
        if (value == null) {
            problems.add(new Violation(pointer, "NOT_APPLICABLE", "the line has no " + what + " to change"));
        } else if (value.add(delta).signum() < 0) {
            problems.add(new Violation(pointer, "NEGATIVE_AMOUNT", "the line's " + what + " would become "
                    + value.add(delta).toPlainString()));
        }
    }

    private static BigDecimal plus(BigDecimal value, BigDecimal delta) {
        return value == null || delta == null ? value : value.add(delta);
    }

    public Optional<RoleRate> rateFor(String role) {
        return rates.stream().filter(r -> r.role().equals(role)).findFirst();
    }

    public Optional<MilestoneTerms> milestone(String milestoneCode) {
        return milestones.stream().filter(m -> m.milestoneCode().equals(milestoneCode)).findFirst();
    }
}
