package dev.sluice.masterdata;

import dev.sluice.domain.AmendContract;
import dev.sluice.domain.Command;
import dev.sluice.domain.ContractState;
import dev.sluice.domain.ErpReference;
import dev.sluice.domain.ProjectState;
import dev.sluice.domain.UpsertContract;
import dev.sluice.domain.UpsertProject;
import dev.sluice.platform.Json;
import dev.sluice.platform.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's own view of the contracts and projects its ERPs hold, in its database so every
 * replica shares it and a restart keeps it: kept current by every posting the ERP accepts through
 * the gateway and by every answer the ERP gives to a read. Validation reads this (with the writes
 * still pending) instead of asking the ERP; a read the ERP cannot answer is answered from it.
 */
@ApplicationScoped
public class DocumentView {

    /** Where a viewed document came from: a posting the ERP accepted, or the ERP's answer to a read. */
    public enum Source { POSTED, READ }

    /** A document as viewed, the backend that holds it, and when the ERP last confirmed it. */
    public record Viewed<T>(T document, String backend, OffsetDateTime confirmedAt, Source source) {
    }

    /** A document to read again from its ERP. */
    public record Stale(String key, String backend, boolean contract) {
    }

    private final EntityManager entityManager;
    private final Json json;

    DocumentView(EntityManager entityManager, Json json) {
        this.entityManager = entityManager;
        this.json = json;
    }

    @Transactional
    public Optional<Viewed<ContractState>> contract(String contractNumber) {
        return one("select cast(state as text), backend, confirmed_at, source from contract_view where contract_number = ?1",
                contractNumber, ContractState.class);
    }

    @Transactional
    public Optional<Viewed<ProjectState>> project(String projectCode) {
        return one("select cast(state as text), backend, confirmed_at, source from project_view where project_code = ?1",
                projectCode, ProjectState.class);
    }

    /**
     * Records what a posting the ERP accepted did to a contract or project: the write applied to
     * the document as viewed, with the ERP's document reference. Call it in the transaction that
     * records the posting, so the view and the operation's state never disagree. Time and
     * milestone postings change no terms and leave the view as it is.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void posted(Command command, List<ErpReference> references, String backend, OffsetDateTime at) {
        ErpReference reference = references.isEmpty() ? null : references.get(0);
        if (command instanceof UpsertContract terms) {
            ContractState current = locked("contract_view", "contract_number", terms.contractNumber(),
                    ContractState.class);
            storeContract(ContractState.upserted(current, terms, reference), backend, at, Source.POSTED, false);
        } else if (command instanceof AmendContract order) {
            ContractState current = locked("contract_view", "contract_number", order.contractNumber(),
                    ContractState.class);
            // a contract the view never held is read from the ERP when next needed
            if (current != null) {
                storeContract(current.amendedBy(order, reference), backend, at, Source.POSTED, false);
            }
        } else if (command instanceof UpsertProject terms) {
            ProjectState current = locked("project_view", "project_code", terms.projectCode(), ProjectState.class);
            storeProject(ProjectState.upserted(current, terms, reference), backend, at, Source.POSTED, false);
        }
    }

    /**
     * Records the ERP's answer to a read that started at {@code readAt}, unless the view was
     * confirmed later than that (a posting recorded while the read was under way is newer).
     */
    @Transactional
    public void read(ContractState contract, String backend, OffsetDateTime readAt) {
        storeContract(contract, backend, readAt, Source.READ, true);
    }

    @Transactional
    public void read(ProjectState project, String backend, OffsetDateTime readAt) {
        storeProject(project, backend, readAt, Source.READ, true);
    }

    /** The ERP, asked at {@code readAt}, no longer holds this contract: the view forgets it too. */
    @Transactional
    public void gone(Stale document, OffsetDateTime readAt) {
        entityManager.createNativeQuery(document.contract()
                        ? "delete from contract_view where contract_number = ?1 and confirmed_at <= ?2"
                        : "delete from project_view where project_code = ?1 and confirmed_at <= ?2")
                .setParameter(1, document.key())
                .setParameter(2, readAt)
                .executeUpdate();
    }

    /** Up to {@code limit} documents the ERP last confirmed before {@code before}, longest ago first. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Stale> confirmedBefore(OffsetDateTime before, int limit) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                select key, backend, contract from (
                    select contract_number as key, backend, true as contract, confirmed_at from contract_view
                    where confirmed_at < ?1
                    union all
                    select project_code, backend, false, confirmed_at from project_view where confirmed_at < ?1
                ) stale order by confirmed_at limit ?2""")
                .setParameter(1, before)
                .setParameter(2, limit)
                .getResultList();
        return rows.stream().map(r -> new Stale((String) r[0], (String) r[1], (Boolean) r[2])).toList();
    }

    private void storeContract(ContractState contract, String backend, OffsetDateTime at, Source source,
            boolean unlessNewer) {
        entityManager.createNativeQuery("""
                insert into contract_view (contract_number, backend, state, confirmed_at, source)
                values (?1, ?2, cast(?3 as jsonb), ?4, ?5)
                on conflict (contract_number) do update
                set backend = excluded.backend, state = excluded.state, confirmed_at = excluded.confirmed_at,
                    source = excluded.source
                """ + (unlessNewer ? "where contract_view.confirmed_at <= excluded.confirmed_at" : ""))
                .setParameter(1, contract.contractNumber())
                .setParameter(2, backend)
                .setParameter(3, json.write(contract))
                .setParameter(4, at)
                .setParameter(5, source.name())
                .executeUpdate();
    }

    private void storeProject(ProjectState project, String backend, OffsetDateTime at, Source source,
            boolean unlessNewer) {
        entityManager.createNativeQuery("""
                insert into project_view (project_code, contract_number, backend, state, confirmed_at, source)
                values (?1, ?2, ?3, cast(?4 as jsonb), ?5, ?6)
                on conflict (project_code) do update
                set contract_number = excluded.contract_number, backend = excluded.backend, state = excluded.state,
                    confirmed_at = excluded.confirmed_at, source = excluded.source
                """ + (unlessNewer ? "where project_view.confirmed_at <= excluded.confirmed_at" : ""))
                .setParameter(1, project.projectCode())
                .setParameter(2, project.contractNumber())
                .setParameter(3, backend)
                .setParameter(4, json.write(project))
                .setParameter(5, at)
                .setParameter(6, source.name())
                .executeUpdate();
    }

    private <T> T locked(String table, String keyColumn, String key, Class<T> type) {
        List<?> rows = entityManager.createNativeQuery("select cast(state as text) from " + table + " where "
                        + keyColumn + " = ?1 for update")
                .setParameter(1, key)
                .getResultList();
        return rows.isEmpty() ? null : json.read((String) rows.get(0), type);
    }

    @SuppressWarnings("unchecked")
    private <T> Optional<Viewed<T>> one(String sql, String key, Class<T> type) {
        List<Object[]> rows = entityManager.createNativeQuery(sql)
                .setParameter(1, key)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.get(0);
        return Optional.of(new Viewed<>(json.read((String) r[0], type), (String) r[1],
                SqlValues.offsetDateTime(r[2]), Source.valueOf((String) r[3])));
    }
}
