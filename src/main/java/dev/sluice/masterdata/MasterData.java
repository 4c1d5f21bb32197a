package dev.sluice.masterdata;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.sluice.domain.MasterDataType;
import dev.sluice.domain.MasterRecord;
import dev.sluice.domain.Page;
import dev.sluice.erp.ErpBackend;
import dev.sluice.erp.Selected;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The ERP's master data as the gateway reads it: through the port, cached. Validation looks up
 * the same records many times per request, and a remote ERP answers in tens of milliseconds at
 * best, so found records are reused for a while and missing ones for a shorter while.
 */
@ApplicationScoped
public class MasterData {

    private record RecordKey(MasterDataType<?> type, String key) {
    }

    private record PageKey(MasterDataType<?> type, String after, int limit) {
    }

    private final ErpBackend erp;
    private final Cache<RecordKey, Optional<MasterRecord>> records;
    private final Cache<PageKey, Page<? extends MasterRecord>> pages;

    MasterData(@Selected ErpBackend erp, MasterDataConfig config) {
        this.erp = erp;
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
    }

    public <T extends MasterRecord> Optional<T> find(MasterDataType<T> type, String key) {
        Optional<MasterRecord> found = records.get(new RecordKey(type, key),
                k -> erp.find(type, key).map(MasterRecord.class::cast));
        return found.map(type::cast);
    }

    @SuppressWarnings("unchecked")
    public <T extends MasterRecord> Page<T> list(MasterDataType<T> type, String afterKey, int limit) {
        return (Page<T>) pages.get(new PageKey(type, afterKey, limit), k -> erp.list(type, afterKey, limit));
    }

    /** Forgets everything read, e.g. after the ERP's master data changed. */
    public void invalidate() {
        records.invalidateAll();
        pages.invalidateAll();
    }
}
