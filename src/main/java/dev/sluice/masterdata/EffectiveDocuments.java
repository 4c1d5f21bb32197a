package dev.sluice.masterdata;

import dev.sluice.domain.AmendContract;
import dev.sluice.domain.ContractLineTerms;
import dev.sluice.domain.ContractState;
import dev.sluice.domain.ProjectState;
import dev.sluice.domain.UpsertContract;
import dev.sluice.domain.UpsertProject;
import dev.sluice.delivery.PendingWrites;
import dev.sluice.erp.ErpBackend;
import dev.sluice.erp.Selected;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Contracts and projects as they will stand once every write accepted so far is delivered: the
 * latest pending version where there is one, else the ERP's, with pending change orders' new
 * lines added. Validation checks new writes against these.
 */
@ApplicationScoped
public class EffectiveDocuments {

    private final ErpBackend erp;
    private final PendingWrites pending;

    EffectiveDocuments(@Selected ErpBackend erp, PendingWrites pending) {
        this.erp = erp;
        this.pending = pending;
    }

    public Optional<ContractState> contract(String contractNumber) {
        Optional<ContractState> base = pending.contract(contractNumber)
                .map(terms -> withPendingTerms(terms, erp.findContract(contractNumber)))
                .or(() -> erp.findContract(contractNumber));
        return base.map(this::withPendingChangeOrders);
    }

    public Optional<ProjectState> project(String projectCode) {
        return pending.project(projectCode)
                .map(EffectiveDocuments::asState)
                .or(() -> erp.findProject(projectCode));
    }

    /** A pending upsert replaces the contract's own lines; lines that change orders added stay. */
    private static ContractState withPendingTerms(UpsertContract terms, Optional<ContractState> posted) {
        List<ContractState.Line> lines = new ArrayList<>();
        terms.lines().forEach(l -> lines.add(new ContractState.Line(l, null)));
        posted.ifPresent(p -> p.lines().stream().filter(l -> l.addedByChangeOrder() != null).forEach(lines::add));
        return new ContractState(terms.contractNumber(), terms.customerNumber(), terms.legalEntity(), terms.currency(),
                terms.startDate(), terms.endDate(), terms.description(), ContractState.Status.ACTIVE, lines,
                posted.map(ContractState::changeOrders).orElse(List.of()), null);
    }

    private ContractState withPendingChangeOrders(ContractState contract) {
        List<AmendContract> orders = pending.changeOrders(contract.contractNumber());
        if (orders.isEmpty()) {
            return contract;
        }
        List<ContractState.Line> lines = new ArrayList<>(contract.lines());
        for (AmendContract order : orders) {
            for (ContractLineTerms added : order.newLines()) {
                if (contract.line(added.lineNumber()).isEmpty()) {
                    lines.add(new ContractState.Line(added, order.changeOrderNumber()));
                }
            }
        }
        return new ContractState(contract.contractNumber(), contract.customerNumber(), contract.legalEntity(),
                contract.currency(), contract.startDate(), contract.endDate(), contract.description(),
                contract.status(), lines, contract.changeOrders(), contract.reference());
    }

    private static ProjectState asState(UpsertProject terms) {
        return new ProjectState(terms.projectCode(), terms.contractNumber(), terms.name(), terms.projectManager(),
                terms.description(), ProjectState.Status.ACTIVE, terms.tasks(), null);
    }
}
