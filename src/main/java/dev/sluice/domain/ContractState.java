package dev.sluice.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A contract as the ERP holds it: its terms as they stand after every change order, the change
 * orders applied, and the ERP document behind it.
 */
public record ContractState(
        String contractNumber,
        String customerNumber,
        String legalEntity,
        String currency,
        LocalDate startDate,
        LocalDate endDate,
        String description,
        Status status,
        List<Line> lines,
        List<ChangeOrder> changeOrders,
        ErpReference reference) {

    public enum Status { ACTIVE, CLOSED }

    public ContractState {
        lines = List.copyOf(lines);
        changeOrders = List.copyOf(changeOrders);
    }

    public Optional<Line> line(int lineNumber) {
        return lines.stream().filter(l -> l.terms().lineNumber() == lineNumber).findFirst();
    }

    public Optional<ChangeOrder> changeOrder(String changeOrderNumber) {
        return changeOrders.stream().filter(c -> c.changeOrderNumber().equals(changeOrderNumber)).findFirst();
    }

    /** A line as it stands, with the change order that added it (null for the contract's own lines). */
    public record Line(ContractLineTerms terms, String addedByChangeOrder) {
    }

    public record ChangeOrder(String changeOrderNumber, LocalDate effectiveDate, ModificationType modificationType,
            ErpReference reference) {
    }
}
