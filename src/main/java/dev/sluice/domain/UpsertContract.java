package dev.sluice.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Create the contract, or replace the terms of the contract with the same number. */
public record UpsertContract(
        String contractNumber,
        String customerNumber,
        String legalEntity,
        String currency,
        LocalDate startDate,
        LocalDate endDate,
        String description,
        List<ContractLineTerms> lines) implements Command {

    public UpsertContract {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    @Override
    public OperationType type() {
        return OperationType.CONTRACT_UPSERT;
    }

    @Override
    public String businessKey() {
        return contractNumber;
    }

    public Optional<ContractLineTerms> line(int lineNumber) {
        return lines.stream().filter(l -> l.lineNumber() == lineNumber).findFirst();
    }
}
