package dev.sluice.domain;

/** Where an accepted write is on its way to the ERP. */
public enum OperationStatus {
    ACCEPTED,
    DELIVERING,
    POSTED,
    FAILED,
    DEAD_LETTERED;

    public boolean isFinal() {
        return this == POSTED || this == FAILED || this == DEAD_LETTERED;
    }
}
