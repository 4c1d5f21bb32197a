package dev.sluice.masterdata;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Keeps the gateway's view of contracts and projects in step with changes made in the ERP itself:
 * with every master-data sync, the documents the ERP last confirmed more than a full-sync
 * interval ago are read again (a batch at a time, longest ago first). Postings through the
 * gateway keep the view current on their own.
 */
@ApplicationScoped
class DocumentRefresh {

    private final ErpDocuments documents;
    private final MasterDataConfig config;

    DocumentRefresh(ErpDocuments documents, MasterDataConfig config) {
        this.documents = documents;
        this.config = config;
    }

    @Scheduled(every = "${sluice.master-data.sync-interval}", delayed = "${sluice.master-data.sync-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        documents.refresh(OffsetDateTime.now(ZoneOffset.UTC).minus(config.fullSyncInterval()),
                config.documentRefreshBatch());
    }
}
