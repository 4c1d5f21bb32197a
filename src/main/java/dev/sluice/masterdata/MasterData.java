package dev.sluice.masterdata;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.sluice.domain.MasterDataType;
import dev.sluice.domain.MasterRecord;
import dev.sluice.domain.Page;
import dev.sluice.erp.ErpUnavailableException;
import dev.sluice.erp.routing.ErpRouting;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Each ERP's master data as the gateway reads it. Validation looks up the same records many times
 * per request, and a remote ERP answers in tens of milliseconds at best, so validation reads a
 * copy: the one {@link MasterDataSync} keeps of every type in the background, and records fetched
 * on a miss (a code newer than the last sync), found ones reused for a while and missing ones for
 * a shorter while. While the ERP cannot answer (down, or its circuit open), what it said last
 * answers.
 */
@ApplicationScoped
public class MasterData {

    private record RecordKey(String backend, MasterDataType<?> type, String key) {
    }

    private record PageKey(String backend, MasterDataType<?> type, String after, int limit) {
    }

    /** The records of one type of one backend as last synced, and when that read started. */
    record Synced(Map<String, MasterRecord> records, Instant syncedAt, Instant fullAt) {
    }

    private record TypeKey(String backend, MasterDataType<?> type) {
    }

    private final ErpRouting routing;
    private final Map<TypeKey, Synced> synced = new ConcurrentHashMap<>();
    private final Cache<RecordKey, Optional<MasterRecord>> records;
    private final Cache<PageKey, Page<? extends MasterRecord>> pages;
    /** What the ERP last said, kept past expiry: answers while the ERP cannot. */
    private final Cache<RecordKey, Optional<MasterRecord>> lastKnownRecords;
    private final Cache<PageKey, Page<? extends MasterRecord>> lastKnownPages;

    MasterData(ErpRouting routing, MasterDataConfig config) {
        this.routing = routing;
        long ttl = config.cacheTtl().toNanos();
        long negativeTtl = config.negativeCacheTtl().toNanos();
        this.records = Caffeine.newBuilder()
                .maximumSize(config.cacheMaxEntries())
                .expireAfter(new Expiry<RecordKey, Optional<MasterRecord>>() {
                    @Override
                    public long expireAfterCreate(RecordKey key, Optional<MasterRecord> value, long now) {
                        return value.isPresent() ? ttl : negativeTtl;
                    }

                    @Override
                    public long expireAfterUpdate(RecordKey key, Optional<MasterRecord> value, long now, long left) {
                        return expireAfterCreate(key, value, now);
                    }

                    @Override
                    public long expireAfterRead(RecordKey key, Optional<MasterRecord> value, long now, long left) {
                        return left;
                    }
                })
                .build();
        this.pages = Caffeine.newBuilder()
                .maximumSize(Math.max(1, config.cacheMaxEntries() / 100))
                .expireAfterWrite(config.cacheTtl())
                .build();
        this.lastKnownRecords = Caffeine.newBuilder().maximumSize(config.cacheMaxEntries()).build();
        this.lastKnownPages = Caffeine.newBuilder().maximumSize(Math.max(1, config.cacheMaxEntries() / 100)).build();
    }

    /** One record of the named backend's master data: from the synced copy, else from the ERP once. */
    public <T extends MasterRecord> Optional<T> find(String backend, MasterDataType<T> type, String key) {
        RecordKey recordKey = new RecordKey(backend, type, key);
        Optional<MasterRecord> fetched = records.getIfPresent(recordKey);
        if (fetched == null) {
            Synced copy = synced.get(new TypeKey(backend, type));
            MasterRecord record = copy == null ? null : copy.records().get(key);
            fetched = record != null ? Optional.of(record) : read(records, lastKnownRecords, recordKey,
                    () -> erp(backend).find(type, key).map(MasterRecord.class::cast));
        }
        return fetched.map(type::cast);
    }

    /**
     * One record as validation needs to know it: found or absent, from the copy or (for a code the
     * copy lacks) from the ERP; undecided when the copy lacks it and the ERP cannot answer now.
     */
    public <T extends MasterRecord> Lookup<T> lookup(String backend, MasterDataType<T> type, String key) {
        try {
            return Lookup.of(find(backend, type, key));
        } catch (RuntimeException e) {
            if (e instanceof ErpUnavailableException) {
                return Lookup.undecided();
            }
            throw e;
        }
    }

    /** The synced copy of one type of one backend, if it was read yet. */
    Optional<Synced> synced(String backend, MasterDataType<?> type) {
        return Optional.ofNullable(synced.get(new TypeKey(backend, type)));
    }

    /**
     * The copy of one type as stored by an earlier sync (of this process or another), for a
     * process that starts: used until this process's own first read of the type, never over it.
     */
    void restore(MasterDataStore.Stored stored) {
        Map<String, MasterRecord> copy = new ConcurrentHashMap<>();
        stored.records().forEach(r -> copy.put(r.key(), r));
        synced.putIfAbsent(new TypeKey(stored.backend(), stored.type()),
                new Synced(copy, stored.syncedAt(), stored.fullAt()));
    }

    /** Every record of one type, read in full when {@code startedAt}: replaces the copy, so deletions show. */
    void replace(String backend, MasterDataType<?> type, List<? extends MasterRecord> all, Instant startedAt) {
        Map<String, MasterRecord> copy = new ConcurrentHashMap<>();
        all.forEach(r -> copy.put(r.key(), r));
        synced.put(new TypeKey(backend, type), new Synced(copy, startedAt, startedAt));
        forgetFetched(backend, type, k -> true);
    }

    /** The records of one type the ERP changed since the last sync, read when {@code startedAt}. */
    void changed(String backend, MasterDataType<?> type, List<? extends MasterRecord> changed, Instant startedAt) {
        TypeKey typeKey = new TypeKey(backend, type);
        Synced before = synced.get(typeKey);
        Map<String, MasterRecord> copy = before.records();
        Set<String> keys = new java.util.HashSet<>();
        changed.forEach(r -> {
            copy.put(r.key(), r);
            keys.add(r.key());
        });
        synced.put(typeKey, new Synced(copy, startedAt, before.fullAt()));
        forgetFetched(backend, type, keys::contains);
    }

    /** Drops records fetched on a miss that a sync brought newer news of. */
    private void forgetFetched(String backend, MasterDataType<?> type, java.util.function.Predicate<String> which) {
        records.asMap().keySet().removeIf(k -> k.backend().equals(backend) && k.type() == type && which.test(k.key()));
        lastKnownRecords.asMap().keySet()
                .removeIf(k -> k.backend().equals(backend) && k.type() == type && which.test(k.key()));
    }

    /** One page of the named backend's master data. */
    @SuppressWarnings("unchecked")
    public <T extends MasterRecord> Page<T> list(String backend, MasterDataType<T> type, String afterKey, int limit) {
        return (Page<T>) read(pages, lastKnownPages, new PageKey(backend, type, afterKey, limit),
                () -> erp(backend).list(type, afterKey, limit));
    }

    private dev.sluice.erp.ErpBackend erp(String backend) {
        return routing.backend(backend).orElseThrow(() -> new IllegalArgumentException("no ERP backend " + backend));
    }

    /** Fresh from the cache, else from the ERP, else, while the ERP cannot answer, what it said last. */
    private static <K, V> V read(Cache<K, V> fresh, Cache<K, V> lastKnown, K key, Supplier<V> erpRead) {
        V cached = fresh.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        V read;
        try {
            read = erpRead.get();
        } catch (RuntimeException e) {
            V stale = e instanceof ErpUnavailableException ? lastKnown.getIfPresent(key) : null;
            if (stale == null) {
                throw e;
            }
            return stale;
        }
        fresh.put(key, read);
        lastKnown.put(key, read);
        return read;
    }
}
