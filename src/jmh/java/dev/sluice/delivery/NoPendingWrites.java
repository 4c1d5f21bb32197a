package dev.sluice.delivery;

import dev.sluice.domain.AmendContract;
import dev.sluice.domain.UpsertContract;
import dev.sluice.domain.UpsertProject;
import jakarta.enterprise.inject.Vetoed;
import java.util.List;
import java.util.Optional;

/**
 * No write accepted and not yet posted, and none posted through the gateway: the documents are
 * as the ERP holds them. Answers without the database, for benchmarks of validation. Vetoed: it
 * would inherit {@link PendingWrites}' scope and be a second bean of that type in a test run with
 * {@code -Pjmh}.
 */
@Vetoed
public final class NoPendingWrites extends PendingWrites {

    public NoPendingWrites() {
        super(null);
    }

    @Override
    public Optional<UpsertContract> contract(String contractNumber) {
        return Optional.empty();
    }

    @Override
    public Optional<UpsertProject> project(String projectCode) {
        return Optional.empty();
    }

    @Override
    public List<AmendContract> changeOrders(String contractNumber) {
        return List.of();
    }

    @Override
    public Optional<UpsertContract> postedContract(String contractNumber) {
        return Optional.empty();
    }

    @Override
    public Optional<UpsertProject> postedProject(String projectCode) {
        return Optional.empty();
    }
}
