package dev.sluice.masterdata;

import dev.sluice.domain.MasterDataType;
import dev.sluice.domain.MasterRecord;
import dev.sluice.domain.Page;
import dev.sluice.erp.ErpBackend;
import dev.sluice.erp.routing.ErpRouting;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Keeps the gateway's copy of every ERP's master data fresh in the background, so validation
 * does not call the ERP on the request path: every type read in full at start and every
 * {@code full-sync-interval}, and in between only what the ERP says changed since the last sync
 * (NetSuite's {@code lastModifiedDate}, Business Central's {@code lastModifiedDateTime}). A sync
 * the ERP cannot answer keeps the copy read before.
 */
@ApplicationScoped
public class MasterDataSync {

    private static final Logger LOG = Logger.getLogger(MasterDataSync.class);
    /** How far back a change query reaches past the last sync: clocks differ, commits land late. */
    private static final Duration OVERLAP = Duration.ofMinutes(2);
    private static final int PAGE = 500;

    /** What one sync of one type did. */
    public record Outcome(String backend, MasterDataType<?> type, boolean refreshed, Integer records, String detail) {
    }

    private final ErpRouting routing;
    private final MasterData masterData;
    private final MasterDataConfig config;
    private final MasterDataStore store;
    private final MeterRegistry metrics;
    private final Clock clock;
    /** One sync at a time: the first one at start and the scheduled ones never overlap. */
    private final ReentrantLock running = new ReentrantLock();

    @Inject
    MasterDataSync(ErpRouting routing, MasterData masterData, MasterDataConfig config, MasterDataStore store,
            MeterRegistry metrics) {
        this(routing, masterData, config, store, metrics, Clock.systemUTC());
    }

    MasterDataSync(ErpRouting routing, MasterData masterData, MasterDataConfig config, MasterDataStore store,
            MeterRegistry metrics, Clock clock) {
        this.routing = routing;
        this.masterData = masterData;
        this.config = config;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
        for (ErpBackend backend : routing.backends()) {
            Gauge.builder("sluice.master.data.age", () -> age(backend.name()))
                    .description("Seconds since the least recently synced master-data type of the ERP was read")
                    .baseUnit("seconds")
                    .tag("backend", backend.name())
                    .register(metrics);
        }
    }

    /**
     * As soon as the gateway is up, without holding its start: the copy stored by earlier syncs,
     * then the first read of every ERP (which replaces it where the ERP answers).
     */
    void start(@Observes StartupEvent event) {
        Thread first = new Thread(() -> {
            restore();
            syncAll();
        }, "sluice-master-data-sync");
        first.setDaemon(true);
        first.start();
    }

    /** Takes up the copy stored by earlier syncs, for the types this process has not read yet. */
    void restore() {
        try {
            store.load().forEach(masterData::restore);
        } catch (RuntimeException e) {
            LOG.warnf("The stored master-data copy could not be read; the ERPs are read afresh: %s", e.getMessage());
        }
    }

    @Scheduled(every = "${sluice.master-data.sync-interval}", delayed = "${sluice.master-data.sync-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void syncAll() {
        if (!running.tryLock()) {
            return;
        }
        try {
            for (ErpBackend backend : routing.backends()) {
                for (MasterDataType<?> type : MasterDataType.ALL) {
                    sync(backend, type, false);
                }
            }
        } finally {
            running.unlock();
        }
    }

    /** Reads every type of every backend (or of the one named) in full now. */
    public List<Outcome> refresh(Optional<String> backendName) {
        List<Outcome> outcomes = new ArrayList<>();
        for (ErpBackend backend : routing.backends()) {
            if (backendName.isPresent() && !backendName.get().equals(backend.name())) {
                continue;
            }
            for (MasterDataType<?> type : MasterDataType.ALL) {
                outcomes.add(sync(backend, type, true));
            }
        }
        return outcomes;
    }

    Outcome sync(ErpBackend backend, MasterDataType<?> type, boolean full) {
        Instant started = clock.instant();
        Optional<MasterData.Synced> before = masterData.synced(backend.name(), type);
        try {
            boolean fullDue = full || before.isEmpty()
                    || !started.isBefore(before.get().fullAt().plus(config.fullSyncInterval()));
            if (!fullDue) {
                Optional<? extends List<? extends MasterRecord>> changed =
                        backend.changedSince(type, before.get().syncedAt().minus(OVERLAP));
                if (changed.isEmpty()) {
                    return new Outcome(backend.name(), type, false, null, "the ERP cannot say what changed");
                }
                masterData.changed(backend.name(), type, changed.get(), started);
                stored(() -> store.changed(backend.name(), type, changed.get(), started), backend, type);
                count(backend.name(), "changes");
                return new Outcome(backend.name(), type, true, changed.get().size(), null);
            }
            List<MasterRecord> all = readAll(backend, type);
            masterData.replace(backend.name(), type, all, started);
            stored(() -> store.replace(backend.name(), type, all, started), backend, type);
            count(backend.name(), "full");
            return new Outcome(backend.name(), type, true, all.size(), null);
        } catch (RuntimeException e) {
            count(backend.name(), "failed");
            LOG.warnf("Master data %s of %s not synced, the copy read before stays in use: %s", type, backend.name(),
                    e.getMessage());
            return new Outcome(backend.name(), type, false, null, String.valueOf(e.getMessage()));
        }
    }

    /** Stores what a sync read; the copy in memory serves even when the database does not take it. */
    private static void stored(Runnable write, ErpBackend backend, MasterDataType<?> type) {
        try {
            write.run();
        } catch (RuntimeException e) {
            LOG.warnf("Master data %s of %s read but not stored; a process started now would not have it: %s", type,
                    backend.name(), e.getMessage());
        }
    }

    private static List<MasterRecord> readAll(ErpBackend backend, MasterDataType<?> type) {
        List<MasterRecord> all = new ArrayList<>();
        String after = null;
        do {
            Page<? extends MasterRecord> page = backend.list(type, after, PAGE);
            all.addAll(page.items());
            after = page.nextAfter();
        } while (after != null);
        return all;
    }

    private double age(String backend) {
        Instant now = clock.instant();
        return MasterDataType.ALL.stream()
                .map(t -> masterData.synced(backend, t).map(MasterData.Synced::syncedAt).orElse(null))
                .map(at -> at == null ? Double.NaN : Duration.between(at, now).toMillis() / 1000.0)
                .reduce(0.0, (a, b) -> Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b));
    }

    private void count(String backend, String kind) {
        Counter.builder("sluice.master.data.syncs")
                .description("Master-data syncs by kind: full reads, change reads, and failures")
                .tag("backend", backend)
                .tag("kind", kind)
                .register(metrics)
                .increment();
    }
}
