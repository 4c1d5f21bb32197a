package dev.sluice.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Approved time. {@code externalId} identifies the entry in the PSA platform; a higher
 * {@code version} of the same entry is a correction that supersedes the earlier one.
 */
public record TimeEntry(
        String externalId,
        int version,
        String employeeNumber,
        String projectCode,
        String taskCode,
        LocalDate workDate,
        BigDecimal hours,
        String role,
        boolean billable,
        String approvedBy,
        OffsetDateTime approvedAt,
        String description) {
}
