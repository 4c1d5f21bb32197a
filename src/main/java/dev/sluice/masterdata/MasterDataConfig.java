package dev.sluice.masterdata;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the gateway keeps its copy of each ERP's master data, and its view of contracts and projects. */
@ConfigMapping(prefix = "sluice.master-data")
public interface MasterDataConfig {

    /** How long a record read from the ERP is reused. */
    @WithDefault("PT5M")
    Duration cacheTtl();

    /** How long "the ERP has no such record" is reused; short, so new records are seen soon. */
    @WithDefault("PT30S")
    Duration negativeCacheTtl();

    /** How often each ERP is asked which master data changed (and a backend that cannot tell is left be). */
    @WithDefault("PT1M")
    Duration syncInterval();

    /** How often each ERP's master data is read in full: all a backend without change tracking offers, and how deletions show. */
    @WithDefault("PT1H")
    Duration fullSyncInterval();

    /**
     * How many contracts and projects are read again from their ERP at each sync, among those the
     * ERP last confirmed more than a full-sync interval ago.
     */
    @WithDefault("100")
    int documentRefreshBatch();

    /** Most records (and pages) kept. */
    @WithDefault("100000")
    long cacheMaxEntries();
}
