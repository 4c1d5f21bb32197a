package dev.sluice.domain;

/** How a contract line earns and bills revenue. */
public enum BillingMethod {
    TIME_AND_MATERIALS,
    FIXED_FEE_MILESTONE,
    FIXED_FEE_PERCENT_COMPLETE
}
