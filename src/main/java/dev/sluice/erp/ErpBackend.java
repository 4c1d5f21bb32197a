package dev.sluice.erp;

import dev.sluice.domain.ContractState;
import dev.sluice.domain.MasterDataType;
import dev.sluice.domain.MasterRecord;
import dev.sluice.domain.Page;
import dev.sluice.domain.ProjectState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The port every ERP adapter implements. It speaks the gateway's domain only: no HTTP, no
 * persistence, no vendor types cross it.
 *
 * <p>Reads may throw {@link ErpUnavailableException} when the ERP cannot answer now. A
 * {@link #post(Delivery)} that the ERP refuses for a business reason answers
 * {@link PostingOutcome.Refused}; one that may succeed later throws {@link ErpUnavailableException}.
 */
public interface ErpBackend {

    /** The name this backend is selected by and reported under, e.g. {@code sandbox}. */
    String name();

    /** Records of one type in key order, starting after {@code afterKey} (null for the first page). */
    <T extends MasterRecord> Page<T> list(MasterDataType<T> type, String afterKey, int limit);

    <T extends MasterRecord> Optional<T> find(MasterDataType<T> type, String key);

    /**
     * Records of one type the ERP changed at or after {@code since}, for the master-data sync; empty
     * when the backend cannot tell, in which case the sync reads the type again in full.
     */
    default <T extends MasterRecord> Optional<List<T>> changedSince(MasterDataType<T> type, Instant since) {
        return Optional.empty();
    }

    Optional<ContractState> findContract(String contractNumber);

    Optional<ProjectState> findProject(String projectCode);

    /**
     * Posts one delivery. A delivery repeated with the same {@link Delivery#reference()} must
     * answer the outcome of the first without posting again.
     */
    PostingOutcome post(Delivery delivery);

    /** Faults the backend can be told to simulate, for chaos tests; only test backends offer it. */
    default Optional<FaultInjection> faultInjection() {
        return Optional.empty();
    }
}
