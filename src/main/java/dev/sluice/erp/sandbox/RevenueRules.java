package dev.sluice.erp.sandbox;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The arithmetic of revenue recognition, cumulative and exact: each rule says how much a line
 * should have recognized in total by now; a posting is that minus what was recognized before.
 * Ratios are never rounded (the division keeps 34 significant digits); only amounts are, half-even
 * to the currency's minor unit, when they are posted.
 */
final class RevenueRules {

    /**
     * Where recognition of a line starts from: nothing, or what a prospective change order
     * fixed: the revenue recognized and the measure (cost to date, or value of time) at the change.
     */
    record Basis(BigDecimal recognized, BigDecimal measure) {
        static final Basis ORIGIN = new Basis(BigDecimal.ZERO, BigDecimal.ZERO);
    }

    private RevenueRules() {
    }

    /**
     * Time and materials: the value of the time (hours × the contract's rate), on top of the
     * basis, never above the not-to-exceed amount (when there is one) nor below zero.
     */
    static BigDecimal timeAndMaterials(BigDecimal value, BigDecimal notToExceed, Basis basis) {
        BigDecimal earned = basis.recognized().add(value.subtract(basis.measure()));
        return clamp(earned, notToExceed);
    }

    /** The value of time before the not-to-exceed cap: whether the cap is what limits it. */
    static boolean capBinds(BigDecimal value, BigDecimal notToExceed, Basis basis) {
        return notToExceed != null && basis.recognized().add(value.subtract(basis.measure())).compareTo(notToExceed) > 0;
    }

    /**
     * Percent complete: the amount still to recognize after the basis, spread over the cost still
     * to incur, as cost is incurred. All of it once cost reaches the estimate; never above the amount.
     */
    static BigDecimal percentComplete(BigDecimal amount, BigDecimal estimatedCost, BigDecimal costToDate, Basis basis) {
        BigDecimal remainingCost = estimatedCost.subtract(basis.measure());
        if (costToDate.compareTo(estimatedCost) >= 0 || remainingCost.signum() <= 0) {
            return amount;
        }
        BigDecimal remainingAmount = amount.subtract(basis.recognized());
        BigDecimal earned = basis.recognized().add(remainingAmount.multiply(costToDate.subtract(basis.measure()))
                .divide(remainingCost, MathContext.DECIMAL128));
        return clamp(earned, amount);
    }

    /** Cost to date as a percentage of the estimate, for reading (two decimals, at most 100). */
    static BigDecimal percent(BigDecimal costToDate, BigDecimal estimatedCost) {
        if (estimatedCost == null || estimatedCost.signum() <= 0) {
            return null;
        }
        BigDecimal percent = costToDate.multiply(BigDecimal.valueOf(100)).divide(estimatedCost, 2, RoundingMode.HALF_EVEN);
        return percent.min(BigDecimal.valueOf(100).setScale(2));
    }

    static BigDecimal round(BigDecimal amount, int minorUnits) {
        return amount.setScale(minorUnits, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal clamp(BigDecimal earned, BigDecimal ceiling) {
        BigDecimal atLeastZero = earned.max(BigDecimal.ZERO);
        return ceiling == null ? atLeastZero : atLeastZero.min(ceiling);
    }
}
