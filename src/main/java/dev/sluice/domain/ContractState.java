package dev.sluice.domain;

import java.time.LocalDate;
import java.util.ArrayList;
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

    /**
     * The contract once these terms replace its own: its own lines become the terms' lines, the
     * lines change orders added stay, and so do its change orders and last known position.
     * {@code current} is null for a new contract; {@code reference} null keeps the current one.
     */
    public static ContractState upserted(ContractState current, UpsertContract terms, ErpReference reference) {
        List<Line> lines = new ArrayList<>();
        terms.lines().forEach(l -> lines.add(new Line(l, null)));
        if (current == null) {
            return of(terms, lines, List.of(), reference);
        }
        current.lines.stream().filter(l -> l.addedByChangeOrder() != null
                && terms.line(l.terms().lineNumber()).isEmpty()).forEach(lines::add);
        return of(terms, lines, current.changeOrders, reference != null ? reference : current.reference)
                .withPosition(current.position);
    }

    /**
     * The contract as a change order leaves it: each line change applied to its line, the new
     * lines added (tagged with the change order), the change order recorded. A change order the
     * contract records already was applied before, and changes nothing.
     */
    public ContractState amendedBy(AmendContract order, ErpReference reference) {
        if (changeOrder(order.changeOrderNumber()).isPresent()) {
            return this;
        }
        List<Line> amended = new ArrayList<>(lines);
        for (LineChange change : order.lineChanges()) {
            for (int i = 0; i < amended.size(); i++) {
                Line line = amended.get(i);
                if (line.terms().lineNumber() == change.lineNumber()) {
                    amended.set(i, new Line(line.terms().amendedBy(change), line.addedByChangeOrder(), line.position(),
                            line.milestoneProgress()));
                }
            }
        }
        for (ContractLineTerms added : order.newLines()) {
            if (amended.stream().noneMatch(l -> l.terms().lineNumber() == added.lineNumber())) {
                amended.add(new Line(added, order.changeOrderNumber()));
            }
        }
        List<ChangeOrder> orders = new ArrayList<>(changeOrders);
        orders.add(new ChangeOrder(order.changeOrderNumber(), order.effectiveDate(), order.modificationType(),
                reference));
        return withLines(amended).withChangeOrders(orders);
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
