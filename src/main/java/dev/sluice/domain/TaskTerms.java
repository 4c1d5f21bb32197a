package dev.sluice.domain;

/** A project task and the contract line its work is charged to. */
public record TaskTerms(String taskCode, String name, int contractLine, boolean billable) {
}
