package dev.sluice.delivery;

import dev.sluice.domain.AmendContract;
import dev.sluice.domain.OperationStatus;
import dev.sluice.domain.OperationType;
import dev.sluice.domain.UpsertContract;
import dev.sluice.domain.UpsertProject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * Writes accepted but not yet posted. A caller may create a contract, its project and time in
 * quick succession; each is validated against the ERP as it will be once the earlier writes
 * are delivered, which is the ERP's state plus these.
 */
@ApplicationScoped
public class PendingWrites {

    private static final List<OperationStatus> PENDING = List.of(OperationStatus.ACCEPTED, OperationStatus.DELIVERING);

    private final CommandCodec codec;

    PendingWrites(CommandCodec codec) {
        this.codec = codec;
    }

    /** The latest pending create-or-update of this contract. */
    @Transactional
    public Optional<UpsertContract> contract(String contractNumber) {
        return latest(OperationType.CONTRACT_UPSERT, contractNumber).map(UpsertContract.class::cast);
    }

    /** The latest pending create-or-update of this project. */
    @Transactional
    public Optional<UpsertProject> project(String projectCode) {
        return latest(OperationType.PROJECT_UPSERT, projectCode).map(UpsertProject.class::cast);
    }

    /** Pending change orders of this contract, oldest first. */
    @Transactional
    public List<AmendContract> changeOrders(String contractNumber) {
        List<OperationRow> rows = OperationRow.find("type = ?1 and status in ?2"
                + " and id in (select b.operationId from OutboxRow b where b.aggregateKey = ?3) order by acceptedAt",
                OperationType.CHANGE_ORDER, PENDING, Aggregates.contract(contractNumber)).list();
        return rows.stream().map(r -> (AmendContract) codec.read(r.type, r.command)).toList();
    }

    /** The contract's terms as last posted through the gateway, for an ERP that cannot hold them. */
    @Transactional
    public Optional<UpsertContract> postedContract(String contractNumber) {
        return latest(OperationType.CONTRACT_UPSERT, contractNumber, List.of(OperationStatus.POSTED))
                .map(UpsertContract.class::cast);
    }

    /** The project's terms as last posted through the gateway, for an ERP that cannot hold them. */
    @Transactional
    public Optional<UpsertProject> postedProject(String projectCode) {
        return latest(OperationType.PROJECT_UPSERT, projectCode, List.of(OperationStatus.POSTED))
                .map(UpsertProject.class::cast);
    }

    private Optional<Object> latest(OperationType type, String businessKey) {
        return latest(type, businessKey, PENDING);
    }

    private Optional<Object> latest(OperationType type, String businessKey, List<OperationStatus> statuses) {
        return OperationRow.<OperationRow>find("type = ?1 and businessKey = ?2 and status in ?3"
                        + " order by acceptedAt desc", type, businessKey, statuses)
                .firstResultOptional()
                .map(r -> codec.read(r.type, r.command));
    }
}
