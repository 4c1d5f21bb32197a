package dev.sluice.domain;

/**
 * A write accepted from a caller, in the gateway's canonical form, on its way to the ERP.
 */
public sealed interface Command
        permits UpsertContract, AmendContract, UpsertProject, ApproveTime, CompleteMilestone {

    OperationType type();

    /** What the write is about (a contract number, a project code, ...), or null for a time batch. */
    String businessKey();
}
