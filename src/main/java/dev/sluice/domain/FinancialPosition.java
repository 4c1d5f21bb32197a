package dev.sluice.domain;

import java.math.BigDecimal;

/**
 * Where a contract line (or a whole contract) stands in the ERP's books. The contract asset
 * (an unbilled receivable) and the contract liability (deferred revenue) follow from what was
 * recognized and billed, so they are derived, never stored.
 *
 * @param costToDate cost of the work on it so far, or null where no cost is measured
 * @param percentComplete cost to date over estimated cost, as a percentage, where it applies
 */
public record FinancialPosition(BigDecimal recognized, BigDecimal billed, BigDecimal costToDate,
        BigDecimal percentComplete) {

    public BigDecimal contractAsset() {
        return positivePart(recognized.subtract(billed));
    }

    public BigDecimal contractLiability() {
        return positivePart(billed.subtract(recognized));
    }

    private static BigDecimal positivePart(BigDecimal amount) {
        return amount.signum() > 0 ? amount : BigDecimal.ZERO.setScale(amount.scale());
    }

    /** The position of lines taken together, netted at the contract level. */
    public FinancialPosition plus(FinancialPosition other) {
        return new FinancialPosition(recognized.add(other.recognized), billed.add(other.billed),
                add(costToDate, other.costToDate), null);
    }

    public static FinancialPosition zero(int scale) {
        BigDecimal zero = BigDecimal.ZERO.setScale(scale);
        return new FinancialPosition(zero, zero, null, null);
    }

    private static BigDecimal add(BigDecimal a, BigDecimal b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a.add(b);
    }
}
