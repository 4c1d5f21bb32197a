package dev.sluice.masterdata;

import dev.sluice.domain.MasterDataType;
import dev.sluice.domain.MasterRecord;
import dev.sluice.platform.Json;
import dev.sluice.platform.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The master-data copy in the gateway's database: every sync writes what it read, so a process
 * that starts while an ERP cannot answer begins with what was read before instead of nothing.
 * Every replica writes the records it reads; the copy is the latest read of any of them.
 */
@ApplicationScoped
public class MasterDataStore {

    /** The stored copy of one type of one backend. */
    public record Stored(String backend, MasterDataType<?> type, List<MasterRecord> records, Instant syncedAt,
            Instant fullAt) {
    }

    private final EntityManager entityManager;
    private final Json json;

    MasterDataStore(EntityManager entityManager, Json json) {
        this.entityManager = entityManager;
        this.json = json;
    }

    /** Every stored type of every backend. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Stored> load() {
        List<Object[]> syncs = entityManager.createNativeQuery(
                "select backend, type, synced_at, full_at from master_data_sync order by backend, type").getResultList();
        List<Stored> stored = new ArrayList<>();
        for (Object[] sync : syncs) {
            String backend = (String) sync[0];
            MasterDataType<?> type = MasterDataType.named((String) sync[1]).orElse(null);
            if (type == null) {
                continue;
            }
            List<Object> bodies = entityManager.createNativeQuery(
                    "select cast(record as text) from master_data_copy where backend = ?1 and type = ?2 order by key")
                    .setParameter(1, backend)
                    .setParameter(2, type.name())
                    .getResultList();
            List<MasterRecord> records = bodies.stream().map(b -> (MasterRecord) json.read((String) b, type.recordType()))
                    .toList();
            stored.add(new Stored(backend, type, records, SqlValues.offsetDateTime(sync[2]).toInstant(),
                    SqlValues.offsetDateTime(sync[3]).toInstant()));
        }
        return stored;
    }

    /** Every record of one type, read in full when {@code readAt}: records no longer there are removed. */
    @Transactional
    public void replace(String backend, MasterDataType<?> type, List<? extends MasterRecord> all, Instant readAt) {
        upsert(backend, type, all);
        entityManager.createNativeQuery("delete from master_data_copy where backend = ?1 and type = ?2"
                        + " and not (key = any(?3))")
                .setParameter(1, backend)
                .setParameter(2, type.name())
                .setParameter(3, all.stream().map(MasterRecord::key).toArray(String[]::new))
                .executeUpdate();
        synced(backend, type, readAt, true);
    }

    /** The records of one type that changed, read when {@code readAt}. */
    @Transactional
    public void changed(String backend, MasterDataType<?> type, List<? extends MasterRecord> changed, Instant readAt) {
        upsert(backend, type, changed);
        synced(backend, type, readAt, false);
    }

    /** One statement for all records, in key order (so concurrent writers lock rows in the same order). */
    private void upsert(String backend, MasterDataType<?> type, List<? extends MasterRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        Map<String, Object> byKey = new LinkedHashMap<>();
        records.stream().sorted(Comparator.comparing(MasterRecord::key)).forEach(r -> byKey.put(r.key(), r));
        List<Map<String, Object>> rows = byKey.entrySet().stream()
                .map(e -> Map.of("key", (Object) e.getKey(), "record", e.getValue())).toList();
        entityManager.createNativeQuery("""
                insert into master_data_copy (backend, type, key, record)
                select ?1, ?2, r.key, r.record from jsonb_to_recordset(cast(?3 as jsonb)) as r(key text, record jsonb)
                on conflict (backend, type, key) do update set record = excluded.record
                where master_data_copy.record is distinct from excluded.record""")
                .setParameter(1, backend)
                .setParameter(2, type.name())
                .setParameter(3, json.write(rows))
                .executeUpdate();
    }

    private void synced(String backend, MasterDataType<?> type, Instant readAt, boolean full) {
        entityManager.createNativeQuery("""
                insert into master_data_sync (backend, type, synced_at, full_at) values (?1, ?2, ?3, ?3)
                on conflict (backend, type) do update set synced_at = ?3,
                    full_at = case when ?4 then ?3 else master_data_sync.full_at end""")
                .setParameter(1, backend)
                .setParameter(2, type.name())
                .setParameter(3, readAt.atOffset(java.time.ZoneOffset.UTC))
                .setParameter(4, full)
                .executeUpdate();
    }
}
