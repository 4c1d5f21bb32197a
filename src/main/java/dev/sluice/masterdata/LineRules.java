package dev.sluice.masterdata;

import dev.sluice.domain.BillingMethod;
import dev.sluice.domain.ContractLineTerms;
import dev.sluice.domain.MasterDataType;
import dev.sluice.domain.MilestoneTerms;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;

/** Rules every contract line obeys, whether it comes with the contract or with a change order. */
final class LineRules {

    private LineRules() {
    }

    /**
     * @param at the line's pointer, e.g. {@code /lines/2}
     * @param backend the ERP whose items the line may sell
     * @param milestoneCodes milestone codes seen so far on the contract, to find duplicates across lines
     */
    static void check(ContractLineTerms line, String at, MasterData masterData, String backend,
            Set<String> milestoneCodes, Violations violations) {
        Lookup<?> item = masterData.lookup(backend, MasterDataType.ITEMS, line.itemNumber());
        if (item.isAbsent()) {
            violations.add(at + "/itemNumber", "UNKNOWN_ITEM", "no item " + line.itemNumber() + " in the ERP");
        } else if (item.isUndecided()) {
            violations.undecided(at + "/itemNumber", "item " + line.itemNumber());
        }
        BillingMethod method = line.billingMethod();
        if (method == BillingMethod.TIME_AND_MATERIALS) {
            if (line.rates().isEmpty()) {
                violations.add(at + "/rates", "RATES_REQUIRED", "a time-and-materials line needs a rate per role");
            }
            Set<String> roles = new HashSet<>();
            for (int j = 0; j < line.rates().size(); j++) {
                if (!roles.add(line.rates().get(j).role())) {
                    violations.add(at + "/rates/" + j + "/role", "DUPLICATE_ROLE",
                            "role " + line.rates().get(j).role() + " has more than one rate on this line");
                }
            }
        } else {
            notApplicable(!line.rates().isEmpty(), at + "/rates", "rates", method, violations);
            notApplicable(line.notToExceed() != null, at + "/notToExceed", "a not-to-exceed amount", method,
                    violations);
            if (line.amount() == null) {
                violations.add(at + "/amount", "AMOUNT_REQUIRED", "a fixed-fee line needs its amount");
            }
        }
        if (method == BillingMethod.FIXED_FEE_MILESTONE) {
            checkMilestones(line, at, milestoneCodes, violations);
        } else {
            notApplicable(!line.milestones().isEmpty(), at + "/milestones", "milestones", method, violations);
        }
        if (method == BillingMethod.FIXED_FEE_PERCENT_COMPLETE) {
            if (line.estimatedCost() == null || line.estimatedCost().signum() <= 0) {
                violations.add(at + "/estimatedCost", "ESTIMATED_COST_REQUIRED",
                        "a percent-complete line needs an estimated cost above zero");
            }
        } else {
            notApplicable(line.estimatedCost() != null, at + "/estimatedCost", "an estimated cost", method,
                    violations);
        }
    }

    private static void checkMilestones(ContractLineTerms line, String at, Set<String> milestoneCodes,
            Violations violations) {
        if (line.milestones().isEmpty()) {
            violations.add(at + "/milestones", "MILESTONES_REQUIRED", "a milestone line needs its milestones");
            return;
        }
        BigDecimal total = BigDecimal.ZERO;
        for (int j = 0; j < line.milestones().size(); j++) {
            MilestoneTerms milestone = line.milestones().get(j);
            total = total.add(milestone.amount());
            if (!milestoneCodes.add(milestone.milestoneCode())) {
                violations.add(at + "/milestones/" + j + "/milestoneCode", "DUPLICATE_MILESTONE",
                        "milestone " + milestone.milestoneCode() + " appears more than once on the contract");
            }
        }
        if (line.amount() != null && total.compareTo(line.amount()) != 0) {
            violations.add(at + "/milestones", "MILESTONE_TOTAL_MISMATCH", "the milestones add up to "
                    + total.toPlainString() + " but the line's amount is " + line.amount().toPlainString());
        }
    }

    private static void notApplicable(boolean present, String pointer, String what, BillingMethod method,
            Violations violations) {
        if (present) {
            violations.add(pointer, "NOT_APPLICABLE", "a " + method + " line has no " + what);
        }
    }
}
