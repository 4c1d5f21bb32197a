package dev.sluice.domain;

/** The kinds of write the gateway accepts. */
public enum OperationType {
    CONTRACT_UPSERT,
    CHANGE_ORDER,
    PROJECT_UPSERT,
    TIME_APPROVAL,
    MILESTONE_COMPLETION
}
