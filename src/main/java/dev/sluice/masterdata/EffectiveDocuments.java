package dev.sluice.masterdata;

import dev.sluice.domain.AmendContract;
import dev.sluice.domain.ContractLineTerms;
import dev.sluice.domain.ContractState;
import dev.sluice.domain.LineChange;
import dev.sluice.domain.ProjectState;
import dev.sluice.domain.UpsertContract;
import dev.sluice.domain.UpsertProject;
import dev.sluice.delivery.PendingWrites;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sluice.erp.ErpFailures;
import dev.sluice.erp.routing.ErpRouting;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Contracts and projects as they will stand once every write accepted so far is delivered: the
 * latest pending version where there is one, else the ERP's, with pending change orders applied.
 * Validation checks new writes against these.
 */
@ApplicationScoped
public class EffectiveDocuments {

    private final ErpRouting erp;
    private final PendingWrites pending;
    /** What the ERP last said of each contract and project: answers while it cannot. */
    private final Cache<String, Optional<ContractState>> lastKnownContracts;
    private final Cache<String, Optional<ProjectState>> lastKnownProjects;

    EffectiveDocuments(ErpRouting erp, PendingWrites pending, MasterDataConfig config) {
        this.erp = erp;
        this.pending = pending;
        this.lastKnownContracts = Caffeine.newBuilder().maximumSize(config.cacheMaxEntries()).build();
        this.lastKnownProjects = Caffeine.newBuilder().maximumSize(config.cacheMaxEntries()).build();
    }

    public Optional<ContractState> contract(String contractNumber) {
        Optional<ContractState> base = pending.contract(contractNumber)
                .map(terms -> withPendingTerms(terms, postedContract(contractNumber)))
                .or(() -> postedContract(contractNumber));
        return base.map(this::withPendingChangeOrders);
    }

    public Optional<ProjectState> project(String projectCode) {
        return pending.project(projectCode)
                .map(EffectiveDocuments::asState)
                .or(() -> postedProject(projectCode));
    }

    /**
     * The contract as its ERP holds it. An ERP that cannot hold a contract's terms (Business
     * Central's standard API has no contract lines or dates) answers without them; the terms last
     * posted through the gateway stand in, with what the ERP does report (its document, the
     * position) kept.
     */
    public Optional<ContractState> postedContract(String contractNumber) {
        return read(lastKnownContracts, contractNumber, () -> erp.findContract(contractNumber)).map(this::completed);
    }

    /** The contract as the ERP reported it, with the gateway's last posted terms where the ERP holds none. */
    public ContractState completed(ContractState held) {
        if (held.holdsTerms()) {
            return held;
        }
        return pending.postedContract(held.contractNumber())
                .map(terms -> ContractState.of(terms, terms.lines().stream()
                                .map(l -> new ContractState.Line(l, null)).toList(), held.changeOrders(), held.reference())
                        .withPosition(held.position()))
                .orElse(held);
    }

    /** The project as its ERP holds it; where the ERP holds no tasks, those last posted through the gateway. */
    public Optional<ProjectState> postedProject(String projectCode) {
        return read(lastKnownProjects, projectCode, () -> erp.findProject(projectCode)).map(this::completed);
    }

    /** The project as the ERP reported it, with the gateway's last posted tasks where the ERP holds none. */
    public ProjectState completed(ProjectState held) {
        if (!held.tasks().isEmpty()) {
            return held;
        }
        return pending.postedProject(held.projectCode())
                .map(terms -> new ProjectState(held.projectCode(), terms.contractNumber(),
                        held.name() != null ? held.name() : terms.name(),
                        held.projectManager() != null ? held.projectManager() : terms.projectManager(),
                        terms.description(), held.status(), terms.tasks(), held.reference()))
                .orElse(held);
    }

    private static <T> Optional<T> read(Cache<String, Optional<T>> lastKnown, String key, Supplier<Optional<T>> erpRead) {
        try {
            Optional<T> read = erpRead.get();
            lastKnown.put(key, read);
            return read;
        } catch (RuntimeException e) {
            Optional<T> stale = ErpFailures.unavailable(e) ? lastKnown.getIfPresent(key) : null;
            if (stale == null) {
                throw e;
            }
            return stale;
        }
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
