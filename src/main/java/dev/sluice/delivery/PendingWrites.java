package dev.sluice.delivery;

import dev.sluice.domain.AmendContract;
import dev.sluice.domain.OperationStatus;
import dev.sluice.domain.OperationType;
import dev.sluice.domain.UpsertContract;
import dev.sluice.domain.UpsertProject;
import dev.sluice.masterdata.PendingDocuments;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Writes accepted but not yet posted, read from the operations delivery keeps. */
@ApplicationScoped
public class PendingWrites implements PendingDocuments {

    private static final List<OperationStatus> PENDING = List.of(OperationStatus.ACCEPTED, OperationStatus.DELIVERING);
    /** Later than any write: "accepted before" this means every pending write. */
    private static final OffsetDateTime ANY = OffsetDateTime.parse("9999-12-31T00:00:00Z");

    private final CommandCodec codec;

    PendingWrites(CommandCodec codec) {
        this.codec = codec;
    }

    @Override
    @Transactional
    public Optional<UpsertContract> contract(String contractNumber, OffsetDateTime acceptedBefore) {
        return latest(OperationType.CONTRACT_UPSERT, contractNumber, PENDING, acceptedBefore)
                .map(UpsertContract.class::cast);
    }

    @Override
    @Transactional
    public Optional<UpsertProject> project(String projectCode, OffsetDateTime acceptedBefore) {
        return latest(OperationType.PROJECT_UPSERT, projectCode, PENDING, acceptedBefore)
                .map(UpsertProject.class::cast);
    }

    @Override
    @Transactional
    public List<AmendContract> changeOrders(String contractNumber, OffsetDateTime acceptedBefore) {
        List<OperationRow> rows = OperationRow.find("type = :type and status in :pending and acceptedAt < :before"
                + " and id in (select b.operationId from OutboxRow b where b.aggregateKey = :aggregate)"
                + " order by acceptedAt", Parameters.with("type", OperationType.CHANGE_ORDER).and("pending", PENDING)
                .and("before", bound(acceptedBefore)).and("aggregate", Aggregates.contract(contractNumber))).list();
        return rows.stream().map(r -> (AmendContract) codec.read(r.type, r.command)).toList();
    }

    @Override
    @Transactional
    public Optional<UpsertContract> postedContract(String contractNumber) {
        return latest(OperationType.CONTRACT_UPSERT, contractNumber, List.of(OperationStatus.POSTED), null)
                .map(UpsertContract.class::cast);
    }

    @Override
    @Transactional
    public Optional<UpsertProject> postedProject(String projectCode) {
        return latest(OperationType.PROJECT_UPSERT, projectCode, List.of(OperationStatus.POSTED), null)
                .map(UpsertProject.class::cast);
    }

    private Optional<Object> latest(OperationType type, String businessKey, List<OperationStatus> statuses,
            OffsetDateTime acceptedBefore) {
        return OperationRow.<OperationRow>find("type = :type and businessKey = :key and status in :statuses"
                        + " and acceptedAt < :before order by acceptedAt desc", Parameters.with("type", type)
                        .and("key", businessKey).and("statuses", statuses).and("before", bound(acceptedBefore)))
                .firstResultOptional()
                .map(r -> codec.read(r.type, r.command));
    }

    private static OffsetDateTime bound(OffsetDateTime acceptedBefore) {
        return acceptedBefore == null ? ANY : acceptedBefore;
    }
}
