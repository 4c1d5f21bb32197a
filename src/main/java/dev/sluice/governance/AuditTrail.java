package dev.sluice.governance;

import dev.sluice.platform.Json;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * The tamper-evident audit log. Records are chained: each one's hash covers its own content and
 * the previous record's hash, so changing, removing or inserting a record anywhere shows at the
 * first record after it. Appending takes a transaction-scoped advisory lock, so the chain has one
 * order even with many processes writing.
 */
@ApplicationScoped
public class AuditTrail {

    /** The previous hash of the first record. */
    static final String GENESIS = "0".repeat(64);
    /** The advisory lock that orders appends to the chain. */
    public static final long CHAIN_LOCK = 0x5111CEA0D17L;
    private static final int VERIFY_BATCH = 1000;

    /** What is recorded. {@code resource} and {@code bodySha256} may be null. */
    public record Entry(String clientId, String subject, String operation, String resource, int status,
            String correlationId, String bodySha256) {
    }

    /** One record as read back. */
    public record Record(long id, OffsetDateTime at, Entry entry, String previousHash, String hash) {
    }

    /** The result of walking the chain. */
    public record Verification(boolean valid, long checked, Long firstBrokenId) {
    }

    /** A query of the log; null members do not filter. */
    public record Query(String clientId, String operation, OffsetDateTime from, OffsetDateTime to,
            String correlationId, Long afterId, int limit) {
    }

    private final EntityManager entityManager;
    private final Counter verifiedValid;
    private final Counter verifiedBroken;

    AuditTrail(EntityManager entityManager, MeterRegistry metrics) {
        this.entityManager = entityManager;
        // both outcomes from the start, so that an alert sees the first broken chain as an increase
        this.verifiedValid = verifications(metrics, "valid");
        this.verifiedBroken = verifications(metrics, "broken");
    }

    private static Counter verifications(MeterRegistry metrics, String result) {
        return Counter.builder("sluice.audit.verifications")
                .description("Walks of the audit chain (GET /admin/v1/audit/verify) by outcome: valid, or broken at a record")
                .tag("result", result)
                .register(metrics);
    }

    /**
     * Appends a record in the caller's transaction: it is in the log exactly when the caller's
     * change is. Every process's writers wait for one another here until they commit, so the
     * caller appends as late as it can; what the transaction has still to write is written
     * before the chain is locked.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(Entry entry) {
        append(List.of(entry));
    }

    /** Appends records in the caller's transaction, in this order (see {@link #append(Entry)}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(List<Entry> entries) {
        entityManager.flush();
        entityManager.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, CHAIN_LOCK)
                .getSingleResult();
        List<?> last = entityManager.createNativeQuery("select hash from audit_record order by id desc limit 1")
                .getResultList();
        long[] ids = entityManager.createNativeQuery(
                "select nextval('audit_record_id') from generate_series(1, ?1)").setParameter(1, entries.size())
                .getResultList().stream().mapToLong(id -> ((Number) id).longValue()).sorted().toArray();
        String previous = last.isEmpty() ? GENESIS : (String) last.get(0);
        for (int i = 0; i < entries.size(); i++) {
            previous = append(entries.get(i), ids[i], previous);
        }
        entityManager.flush();
    }

    private String append(Entry entry, long id, String previous) {
        AuditRecordRow row = new AuditRecordRow();
        row.id = id;
        row.at = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        row.clientId = entry.clientId();
        row.subject = entry.subject();
        row.operation = entry.operation();
        row.resource = entry.resource();
        row.status = entry.status();
        row.correlationId = entry.correlationId();
        row.bodySha256 = entry.bodySha256();
        row.previousHash = previous;
        row.hash = hash(row);
        row.persist();
        return row.hash;
    }

    /** Appends a record in a transaction of its own, e.g. for an admin action whose effect is elsewhere. */
    public void appendNow(Entry entry) {
        QuarkusTransaction.requiringNew().run(() -> append(entry));
    }

    @Transactional
    public List<Record> find(Query query) {
        StringBuilder where = new StringBuilder("id > :after");
        if (query.clientId() != null) {
            where.append(" and clientId = :clientId");
        }
        if (query.operation() != null) {
            where.append(" and operation = :operation");
        }
        if (query.from() != null) {
            where.append(" and at >= :from");
        }
        if (query.to() != null) {
            where.append(" and at < :to");
        }
        if (query.correlationId() != null) {
            where.append(" and correlationId = :correlationId");
        }
        var found = entityManager.createQuery("from AuditRecordRow where " + where + " order by id",
                AuditRecordRow.class).setParameter("after", query.afterId() == null ? 0L : query.afterId());
        if (query.clientId() != null) {
            found.setParameter("clientId", query.clientId());
        }
        if (query.operation() != null) {
            found.setParameter("operation", query.operation());
        }
        if (query.from() != null) {
            found.setParameter("from", query.from());
        }
        if (query.to() != null) {
            found.setParameter("to", query.to());
        }
        if (query.correlationId() != null) {
            found.setParameter("correlationId", query.correlationId());
        }
        return found.setMaxResults(query.limit()).getResultList().stream().map(AuditTrail::record).toList();
    }

    /** Walks the whole chain, oldest first, and reports the first record that does not hold; counted by outcome. */
    public Verification verify() {
        Verification verification = walk();
        (verification.valid() ? verifiedValid : verifiedBroken).increment();
        return verification;
    }

    private Verification walk() {
        long checked = 0;
        long after = 0;
        String expectedPrevious = GENESIS;
        while (true) {
            long from = after;
            List<AuditRecordRow> batch = QuarkusTransaction.requiringNew().call(() -> entityManager
                    .createQuery("from AuditRecordRow where id > ?1 order by id", AuditRecordRow.class)
                    .setParameter(1, from).setMaxResults(VERIFY_BATCH).getResultList());
            if (batch.isEmpty()) {
                return new Verification(true, checked, null);
            }
            for (AuditRecordRow row : batch) {
                checked++;
                if (!row.previousHash.equals(expectedPrevious) || !row.hash.equals(hash(row))) {
                    return new Verification(false, checked, row.id);
                }
                expectedPrevious = row.hash;
                after = row.id;
            }
        }
    }

    /** SHA-256 over the previous hash and every member, in a fixed order and notation. */
    static String hash(AuditRecordRow row) {
        String content = String.join("\n", row.previousHash, Long.toString(row.id),
                row.at.toInstant().truncatedTo(ChronoUnit.MICROS).toString(), row.clientId,
                Objects.toString(row.subject, ""), row.operation, Objects.toString(row.resource, ""),
                Integer.toString(row.status), row.correlationId, Objects.toString(row.bodySha256, ""));
        return Json.sha256(content);
    }

    private static Record record(AuditRecordRow row) {
        return new Record(row.id, row.at, new Entry(row.clientId, row.subject, row.operation, row.resource,
                row.status, row.correlationId, row.bodySha256), row.previousHash, row.hash);
    }
}
