package dev.sluice.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A milestone as the contract defines it. */
public record MilestoneTerms(String milestoneCode, String name, BigDecimal amount, LocalDate dueDate) {
}
