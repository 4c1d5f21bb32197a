package dev.sluice.masterdata;

import dev.sluice.domain.AmendContract;
import dev.sluice.domain.ContractLineTerms;
import dev.sluice.domain.ContractState;
import dev.sluice.domain.LineChange;
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
 * latest pending version where there is one, else the ERP's, with pending change orders applied.
 * Validation checks new writes against these.
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
        return ContractState.of(terms, lines, posted.map(ContractState::changeOrders).orElse(List.of()), null);
    }

    /** Pending change orders applied in order: their amendments to lines, and the lines they add. */
    private ContractState withPendingChangeOrders(ContractState contract) {
        List<AmendContract> orders = pending.changeOrders(contract.contractNumber());
        if (orders.isEmpty()) {
            return contract;
        }
        List<ContractState.Line> lines = new ArrayList<>(contract.lines());
        for (AmendContract order : orders) {
            for (LineChange change : order.lineChanges()) {
                for (int i = 0; i < lines.size(); i++) {
                    ContractState.Line line = lines.get(i);
                    if (line.terms().lineNumber() == change.lineNumber()) {
                        lines.set(i, new ContractState.Line(line.terms().amendedBy(change), line.addedByChangeOrder()));
                    }
                }
            }
            for (ContractLineTerms added : order.newLines()) {
                if (lines.stream().noneMatch(l -> l.terms().lineNumber() == added.lineNumber())) {
                    lines.add(new ContractState.Line(added, order.changeOrderNumber()));
                }
            }
        }
        return contract.withLines(lines);
    }

    private static ProjectState asState(UpsertProject terms) {
        return new ProjectState(terms.projectCode(), terms.contractNumber(), terms.name(), terms.projectManager(),
                terms.description(), ProjectState.Status.ACTIVE, terms.tasks(), null);
    }
}
