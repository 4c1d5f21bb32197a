package dev.sluice.masterdata;

import dev.sluice.domain.AmendContract;
import dev.sluice.domain.UpsertContract;
import dev.sluice.domain.UpsertProject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * No write accepted and not yet posted, and none posted through the gateway: the documents are
 * as the gateway's view holds them. Answers without the database, for benchmarks of validation.
 */
final class NoPendingWrites implements PendingDocuments {

    @Override
    public Optional<UpsertContract> contract(String contractNumber, OffsetDateTime acceptedBefore) {
        return Optional.empty();
    }

    @Override
    public Optional<UpsertProject> project(String projectCode, OffsetDateTime acceptedBefore) {
        return Optional.empty();
    }

    @Override
    public List<AmendContract> changeOrders(String contractNumber, OffsetDateTime acceptedBefore) {
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
