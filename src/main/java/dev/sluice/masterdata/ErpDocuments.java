package dev.sluice.masterdata;

import dev.sluice.domain.ContractState;
import dev.sluice.domain.ProjectState;
import dev.sluice.erp.ErpBackend;
import dev.sluice.erp.ErpUnavailableException;
import dev.sluice.erp.routing.DocumentLocator;
import dev.sluice.erp.routing.ErpRouting;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Contracts and projects read from the ERP that holds them. Every answer is recorded in the
 * {@link DocumentView}; when the ERP cannot answer, the view answers instead, saying when the ERP
 * last confirmed what it holds.
 */
@ApplicationScoped
public class ErpDocuments {

    private static final Logger LOG = Logger.getLogger(ErpDocuments.class);
    /** How stale a view's confirmation may grow before an unchanged answer of the ERP is recorded again. */
    private static final java.time.Duration RECONFIRM = java.time.Duration.ofMinutes(1);

    /**
     * A document as the gateway answers it: fresh from the ERP, or, when the ERP could not answer,
     * from the view as the ERP last confirmed it.
     */
    public record Answer<T>(T document, boolean fresh, OffsetDateTime confirmedAt) {
    }

    private final ErpRouting routing;
    private final DocumentLocator locator;
    private final DocumentView view;
    private final PendingDocuments pending;
    private final Clock clock;

    ErpDocuments(ErpRouting routing, DocumentLocator locator, DocumentView view, PendingDocuments pending) {
        this.routing = routing;
        this.locator = locator;
        this.view = view;
        this.pending = pending;
        this.clock = Clock.systemUTC();
    }

    /** The contract as its ERP holds it now, or, while the ERP cannot answer, as the view last saw it. */
    public Optional<Answer<ContractState>> contract(String contractNumber) {
        Optional<DocumentView.Viewed<ContractState>> viewed = view.contract(contractNumber);
        try {
            return readContract(contractNumber, viewed).map(c -> new Answer<>(c, true, now()));
        } catch (RuntimeException e) {
            return fromView(e, viewed);
        }
    }

    /** The project as its ERP holds it now, or, while the ERP cannot answer, as the view last saw it. */
    public Optional<Answer<ProjectState>> project(String projectCode) {
        Optional<DocumentView.Viewed<ProjectState>> viewed = view.project(projectCode);
        try {
            return readProject(projectCode, viewed).map(p -> new Answer<>(p, true, now()));
        } catch (RuntimeException e) {
            return fromView(e, viewed);
        }
    }

    /** The contract as its ERP holds it, recorded in the view; throws when the ERP cannot answer. */
    Optional<ContractState> readContract(String contractNumber) {
        return readContract(contractNumber, view.contract(contractNumber));
    }

    /** The project as its ERP holds it, recorded in the view; throws when the ERP cannot answer. */
    Optional<ProjectState> readProject(String projectCode) {
        return readProject(projectCode, view.project(projectCode));
    }

    /**
     * Reads again, from its ERP, each document the ERP last confirmed before {@code before} (at most
     * {@code limit}, longest ago first), so changes made in the ERP itself reach the view; answers
     * how many the ERP answered.
     */
    public int refresh(OffsetDateTime before, int limit) {
        int answered = 0;
        for (DocumentView.Stale stale : view.confirmedBefore(before, limit)) {
            Optional<ErpBackend> backend = routing.backend(stale.backend());
            if (backend.isEmpty()) {
                continue;
            }
            OffsetDateTime readAt = now();
            try {
                if (stale.contract()) {
                    backend.get().findContract(stale.key()).ifPresentOrElse(
                            c -> view.read(completed(c), stale.backend(), readAt), () -> view.gone(stale, readAt));
                } else {
                    backend.get().findProject(stale.key()).ifPresentOrElse(
                            p -> view.read(completed(p), stale.backend(), readAt), () -> view.gone(stale, readAt));
                }
                answered++;
            } catch (RuntimeException e) {
                if (!(e instanceof ErpUnavailableException)) {
                    throw e;
                }
                LOG.debugf("%s %s not refreshed, %s cannot answer: %s", stale.contract() ? "Contract" : "Project",
                        stale.key(), stale.backend(), e.getMessage());
                return answered;
            }
        }
        return answered;
    }

    private Optional<ContractState> readContract(String contractNumber,
            Optional<DocumentView.Viewed<ContractState>> viewed) {
        OffsetDateTime readAt = now();
        Optional<DocumentLocator.Found<ContractState>> found = read(viewed.map(DocumentView.Viewed::backend),
                b -> b.findContract(contractNumber), () -> locator.findContract(contractNumber));
        Optional<ContractState> completed = found.map(f -> completed(f.document()));
        found.ifPresent(f -> record(viewed, completed.get(), f.backend(), readAt, view::read));
        return completed;
    }

    private Optional<ProjectState> readProject(String projectCode, Optional<DocumentView.Viewed<ProjectState>> viewed) {
        OffsetDateTime readAt = now();
        Optional<DocumentLocator.Found<ProjectState>> found = read(viewed.map(DocumentView.Viewed::backend),
                b -> b.findProject(projectCode), () -> locator.findProject(projectCode));
        Optional<ProjectState> completed = found.map(f -> completed(f.document()));
        found.ifPresent(f -> record(viewed, completed.get(), f.backend(), readAt, view::read));
        return completed;
    }

    /** How the view records a read: the document, its backend, when it was read. */
    private interface Recording<T> {
        void record(T document, String backend, OffsetDateTime readAt);
    }

    /**
     * Records what the ERP answered, unless the view holds the same, from the same backend,
     * confirmed less than {@link #RECONFIRM} ago: frequent reads of an unchanged document do not
     * each cost a write.
     */
    private <T> void record(Optional<DocumentView.Viewed<T>> viewed, T answered, String backend, OffsetDateTime readAt,
            Recording<T> recording) {
        boolean unchanged = viewed.filter(v -> v.document().equals(answered) && v.backend().equals(backend)
                && v.confirmedAt().isAfter(readAt.minus(RECONFIRM))).isPresent();
        if (!unchanged) {
            recording.record(answered, backend, readAt);
        }
    }

    /** Asks the backend the view says holds the document; else looks in every backend. */
    private <T> Optional<DocumentLocator.Found<T>> read(Optional<String> backend, Function<ErpBackend, Optional<T>> read,
            java.util.function.Supplier<Optional<DocumentLocator.Found<T>>> locate) {
        Optional<ErpBackend> holder = backend.flatMap(routing::backend);
        if (holder.isPresent()) {
            Optional<T> there = read.apply(holder.get());
            if (there.isPresent()) {
                return there.map(d -> new DocumentLocator.Found<>(d, holder.get().name()));
            }
        }
        return locate.get();
    }

    /**
     * The contract as the ERP reported it. An ERP that cannot hold a contract's terms (Business
     * Central's standard API has no contract lines or dates) answers without them; the terms
     * posted through the gateway stand in, with what the ERP does report (its document, the
     * position, the status) kept.
     */
    private ContractState completed(ContractState held) {
        if (held.holdsTerms()) {
            return held;
        }
        Optional<ContractState> viewed = view.contract(held.contractNumber()).map(DocumentView.Viewed::document)
                .filter(ContractState::holdsTerms);
        if (viewed.isPresent()) {
            ContractState terms = viewed.get();
            return new ContractState(terms.contractNumber(), terms.customerNumber(), terms.legalEntity(),
                    terms.currency(), terms.startDate(), terms.endDate(), terms.description(), held.status(),
                    terms.lines(), held.changeOrders(), held.reference(), held.position());
        }
        return pending.postedContract(held.contractNumber())
                .map(terms -> ContractState.of(terms, terms.lines().stream()
                                .map(l -> new ContractState.Line(l, null)).toList(), held.changeOrders(), held.reference())
                        .withPosition(held.position()))
                .orElse(held);
    }

    /** The project as the ERP reported it; where the ERP holds no tasks, those posted through the gateway. */
    private ProjectState completed(ProjectState held) {
        if (!held.tasks().isEmpty()) {
            return held;
        }
        Optional<ProjectState> viewed = view.project(held.projectCode()).map(DocumentView.Viewed::document)
                .filter(p -> !p.tasks().isEmpty());
        return viewed.map(terms -> merged(held, terms.contractNumber(), terms.name(), terms.projectManager(),
                        terms.description(), terms.tasks()))
                .or(() -> pending.postedProject(held.projectCode()).map(terms -> merged(held, terms.contractNumber(),
                        terms.name(), terms.projectManager(), terms.description(), terms.tasks())))
                .orElse(held);
    }

    private static ProjectState merged(ProjectState held, String contractNumber, String name, String manager,
            String description, java.util.List<dev.sluice.domain.TaskTerms> tasks) {
        return new ProjectState(held.projectCode(), contractNumber, held.name() != null ? held.name() : name,
                held.projectManager() != null ? held.projectManager() : manager, description, held.status(), tasks,
                held.reference());
    }

    private static <T> Optional<Answer<T>> fromView(RuntimeException failure, Optional<DocumentView.Viewed<T>> viewed) {
        if (!(failure instanceof ErpUnavailableException) || viewed.isEmpty()) {
            throw failure;
        }
        return viewed.map(v -> new Answer<>(v.document(), false, v.confirmedAt()));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
