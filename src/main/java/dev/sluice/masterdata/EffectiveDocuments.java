package dev.sluice.masterdata;

import dev.sluice.domain.AmendContract;
import dev.sluice.domain.ContractState;
import dev.sluice.domain.ProjectState;
import dev.sluice.domain.UpsertContract;
import dev.sluice.domain.UpsertProject;
import dev.sluice.erp.ErpUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Contracts and projects as they will stand once every write accepted so far is delivered: the
 * latest pending version where there is one, else the gateway's view of what the ERP holds, with
 * pending change orders applied. Validation checks new writes against these. The ERP is asked
 * only for a document the gateway has never seen; while it cannot answer, such a document is
 * undecided.
 */
@ApplicationScoped
public class EffectiveDocuments {

    private final PendingDocuments pending;
    private final DocumentView view;
    private final ErpDocuments erp;

    EffectiveDocuments(PendingDocuments pending, DocumentView view, ErpDocuments erp) {
        this.pending = pending;
        this.view = view;
        this.erp = erp;
    }

    public Lookup<ContractState> contract(String contractNumber) {
        return contract(contractNumber, null);
    }

    public Lookup<ProjectState> project(String projectCode) {
        return project(projectCode, null);
    }

    /** The contract as it will stand once the writes accepted before {@code acceptedBefore} (null: all) are posted. */
    public Lookup<ContractState> contract(String contractNumber, OffsetDateTime acceptedBefore) {
        Optional<UpsertContract> terms = pending.contract(contractNumber, acceptedBefore);
        Lookup<ContractState> base = terms.isPresent()
                // only the view is asked for the lines change orders added: a contract with an
                // upsert pending and none in the view is all but always new to the ERP as well
                ? Lookup.found(ContractState.upserted(
                        view.contract(contractNumber).map(DocumentView.Viewed::document).orElse(null), terms.get(), null))
                : known(view.contract(contractNumber).map(DocumentView.Viewed::document),
                        () -> erp.readContract(contractNumber));
        return base.map(c -> withPendingChangeOrders(c, acceptedBefore));
    }

    /** The project as it will stand once the writes accepted before {@code acceptedBefore} (null: all) are posted. */
    public Lookup<ProjectState> project(String projectCode, OffsetDateTime acceptedBefore) {
        Optional<ProjectState> viewed = view.project(projectCode).map(DocumentView.Viewed::document);
        Optional<UpsertProject> terms = pending.project(projectCode, acceptedBefore);
        if (terms.isPresent()) {
            return Lookup.found(ProjectState.upserted(viewed.orElse(null), terms.get(), null));
        }
        return known(viewed, () -> erp.readProject(projectCode));
    }

    /** What the view holds; else what the ERP says, once; undecided while the ERP cannot answer. */
    private static <T> Lookup<T> known(Optional<T> viewed, Supplier<Optional<T>> erpRead) {
        if (viewed.isPresent()) {
            return Lookup.found(viewed.get());
        }
        try {
            return Lookup.of(erpRead.get());
        } catch (RuntimeException e) {
            if (e instanceof ErpUnavailableException) {
                return Lookup.undecided();
            }
            throw e;
        }
    }

    /** Pending change orders applied in order: their amendments to lines, and the lines they add. */
    private ContractState withPendingChangeOrders(ContractState contract, OffsetDateTime acceptedBefore) {
        List<AmendContract> orders = pending.changeOrders(contract.contractNumber(), acceptedBefore);
        ContractState amended = contract;
        for (AmendContract order : orders) {
            amended = amended.amendedBy(order, null);
        }
        return amended;
    }
}
