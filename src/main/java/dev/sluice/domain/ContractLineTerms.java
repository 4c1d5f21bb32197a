package dev.sluice.domain;

import java.math.BigDecimal;
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

    public Optional<RoleRate> rateFor(String role) {
        return rates.stream().filter(r -> r.role().equals(role)).findFirst();
    }

    public Optional<MilestoneTerms> milestone(String milestoneCode) {
        return milestones.stream().filter(m -> m.milestoneCode().equals(milestoneCode)).findFirst();
    }
}
