package dev.sluice.domain;

import java.math.BigDecimal;

/** The hourly rate a contract charges for one delivery role. */
public record RoleRate(String role, BigDecimal hourlyRate) {
}
