package dev.sluice.domain;

import java.math.BigDecimal;

/** A change order's amendment of one existing contract line; absent deltas leave the value as it is. */
public record LineChange(int lineNumber, BigDecimal amountDelta, BigDecimal estimatedCostDelta, BigDecimal notToExceedDelta) {
}
