package dev.sluice.support;

import dev.sluice.masterdata.MasterDataConfig;
import java.time.Duration;

/** Master-data settings without a running application. */
public record MasterDataSettings(Duration cacheTtl, Duration negativeCacheTtl, Duration syncInterval,
        Duration fullSyncInterval, int documentRefreshBatch, long cacheMaxEntries) implements MasterDataConfig {

    /** The defaults of {@code sluice.master-data.*}. */
    public static MasterDataSettings defaults() {
        return new MasterDataSettings(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMinutes(1),
                Duration.ofHours(1), 100, 100_000);
    }
}
