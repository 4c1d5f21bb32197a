package dev.sluice.domain;

/** How a change order is accounted for. */
public enum ModificationType {
    CUMULATIVE_CATCH_UP,
    PROSPECTIVE,
    SEPARATE_CONTRACT
}
