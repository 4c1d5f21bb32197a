package dev.sluice.domain;

import java.time.LocalDate;
import java.util.List;

/** A change order: amends existing lines and/or adds new ones. */
public record AmendContract(
        String contractNumber,
        String changeOrderNumber,
        LocalDate effectiveDate,
        ModificationType modificationType,
        String description,
        List<LineChange> lineChanges,
        List<ContractLineTerms> newLines) implements Command {

    public AmendContract {
        lineChanges = lineChanges == null ? List.of() : List.copyOf(lineChanges);
        newLines = newLines == null ? List.of() : List.copyOf(newLines);
    }

    @Override
    public OperationType type() {
        return OperationType.CHANGE_ORDER;
    }

    @Override
    public String businessKey() {
        return contractNumber + "/" + changeOrderNumber;
    }
}
