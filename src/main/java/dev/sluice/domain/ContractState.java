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
        ErpReference reference,
        FinancialPosition position) {

    public enum Status { ACTIVE, CLOSED }

    public ContractState {
        lines = List.copyOf(lines);
        changeOrders = List.copyOf(changeOrders);
    }

    /** Whether the ERP holds the contract's terms (its dates at least), or only knows the contract exists. */
    public boolean holdsTerms() {
        return startDate != null && endDate != null;
    }

    public Optional<Line> line(int lineNumber) {
        return lines.stream().filter(l -> l.terms().lineNumber() == lineNumber).findFirst();
    }

    public ContractState withLines(List<Line> newLines) {
        return new ContractState(contractNumber, customerNumber, legalEntity, currency, startDate, endDate, description,
                status, newLines, changeOrders, reference, position);
    }

    public ContractState withChangeOrders(List<ChangeOrder> newChangeOrders) {
        return new ContractState(contractNumber, customerNumber, legalEntity, currency, startDate, endDate, description,
                status, lines, newChangeOrders, reference, position);
    }

    public ContractState withPosition(FinancialPosition newPosition) {
        return new ContractState(contractNumber, customerNumber, legalEntity, currency, startDate, endDate, description,
                status, lines, changeOrders, reference, newPosition);
    }

    /** The contract with these terms, keeping the lines change orders added and the change orders. */
    public static ContractState of(UpsertContract terms, List<Line> lines, List<ChangeOrder> changeOrders,
            ErpReference reference) {
        return new ContractState(terms.contractNumber(), terms.customerNumber(), terms.legalEntity(), terms.currency(),
                terms.startDate(), terms.endDate(), terms.description(), Status.ACTIVE, lines, changeOrders, reference,
                null);
    }

    public Optional<ChangeOrder> changeOrder(String changeOrderNumber) {
        return changeOrders.stream().filter(c -> c.changeOrderNumber().equals(changeOrderNumber)).findFirst();
    }

    /**
     * A line as it stands, with the change order that added it (null for the contract's own
     * lines), its position in the books and its milestones' progress, where the ERP reports them.
     */
    public record Line(ContractLineTerms terms, String addedByChangeOrder, FinancialPosition position,
            List<MilestoneProgress> milestoneProgress) {

        public Line {
            milestoneProgress = milestoneProgress == null ? List.of() : List.copyOf(milestoneProgress);
        }

        public Line(ContractLineTerms terms, String addedByChangeOrder) {
            this(terms, addedByChangeOrder, null, List.of());
        }

        public Optional<MilestoneProgress> progress(String milestoneCode) {
            return milestoneProgress.stream().filter(m -> m.milestoneCode().equals(milestoneCode)).findFirst();
        }
    }

    /** How far a milestone is, and whether the customer accepted it. */
    public record MilestoneProgress(String milestoneCode, java.math.BigDecimal percentComplete, boolean accepted) {
    }

    public record ChangeOrder(String changeOrderNumber, LocalDate effectiveDate, ModificationType modificationType,
            ErpReference reference) {
    }
}
