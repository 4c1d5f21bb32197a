package dev.sluice.masterdata;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.sluice.domain.MasterDataType;
import dev.sluice.domain.MasterRecord;
import dev.sluice.domain.Page;
import dev.sluice.erp.ErpFailures;
import dev.sluice.erp.routing.ErpRouting;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The ERP's master data as the gateway reads it: through the port, cached. Validation looks up
 * the same records many times per request, and a remote ERP answers in tens of milliseconds at
 * best, so found records are reused for a while and missing ones for a shorter while. While the
 * ERP cannot answer (down, or its circuit open), what it said last answers.
 */
@ApplicationScoped
public class MasterData {

    private record RecordKey(String backend, MasterDataType<?> type, String key) {
    }

    private record PageKey(String backend, MasterDataType<?> type, String after, int limit) {
    }

    private final ErpRouting routing;
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

    /** One record of the named backend's master data. */
    public <T extends MasterRecord> Optional<T> find(String backend, MasterDataType<T> type, String key) {
        return read(records, lastKnownRecords, new RecordKey(backend, type, key),
                () -> erp(backend).find(type, key).map(MasterRecord.class::cast)).map(type::cast);
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
            V stale = ErpFailures.unavailable(e) ? lastKnown.getIfPresent(key) : null;
            if (stale == null) {
                throw e;
            }
            return stale;
        }
        fresh.put(key, read);
        lastKnown.put(key, read);
        return read;
    }

    /** Forgets everything read, e.g. after the ERP's master data changed. */
    public void invalidate() {
        records.invalidateAll();
        pages.invalidateAll();
        lastKnownRecords.invalidateAll();
        lastKnownPages.invalidateAll();
    }
}
