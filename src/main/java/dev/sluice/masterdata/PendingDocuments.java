package dev.sluice.masterdata;

import dev.sluice.domain.AmendContract;
import dev.sluice.domain.UpsertContract;
import dev.sluice.domain.UpsertProject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Writes accepted and not yet posted, as validation needs them: a caller may create a contract,
 * its project and time in quick succession, and each is checked against the documents as they
 * will stand once the earlier writes are delivered. Delivery keeps these writes; validation owns
 * this view of them.
 *
 * <p>{@code acceptedBefore} limits each answer to writes accepted before that instant (a write
 * validated again at delivery sees what was pending when it was accepted); null means every
 * pending write.
 */
public interface PendingDocuments {

    /** The latest pending create-or-update of this contract. */
    Optional<UpsertContract> contract(String contractNumber, OffsetDateTime acceptedBefore);

    /** The latest pending create-or-update of this project. */
    Optional<UpsertProject> project(String projectCode, OffsetDateTime acceptedBefore);

    /** Pending change orders of this contract, oldest first. */
    List<AmendContract> changeOrders(String contractNumber, OffsetDateTime acceptedBefore);

    /** The contract's terms as last posted through the gateway, for an ERP that cannot hold them. */
    Optional<UpsertContract> postedContract(String contractNumber);

    /** The project's terms as last posted through the gateway, for an ERP that cannot hold them. */
    Optional<UpsertProject> postedProject(String projectCode);
}
