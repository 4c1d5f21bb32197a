package dev.sluice.erp.sandbox;

import dev.sluice.erp.ErpUnavailableException;
import dev.sluice.erp.FaultInjection;
import dev.sluice.platform.Json;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The sandbox's simulated faults. Kept in its schema so every process running the sandbox
 * simulates the same; read back every {@code sluice.sandbox.faults-refresh} (a second), applied
 * at once where they are set.
 */
@ApplicationScoped
class SandboxFaults implements FaultInjection {

    private final EntityManager entityManager;
    private final Json json;
    private volatile Faults current = Faults.NONE;
    /** How many times faults were set in this process; a refresh that read before the latest setting keeps it. */
    private long timesSet;

    SandboxFaults(EntityManager entityManager, Json json) {
        this.entityManager = entityManager;
        this.json = json;
    }

    @Override
    public Faults faults() {
        return current;
    }

    @Override
    public Faults set(Faults faults) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                insert into sandbox.fault_settings (id, settings, updated_at) values (1, cast(?1 as jsonb), now())
                on conflict (id) do update set settings = excluded.settings, updated_at = excluded.updated_at""")
                .setParameter(1, json.write(faults)).executeUpdate());
        synchronized (this) {
            timesSet++;
            current = faults;
        }
        return faults;
    }

    void load(@Observes StartupEvent start) {
        refresh();
    }

    @Scheduled(every = "${sluice.sandbox.faults-refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        long setBefore;
        synchronized (this) {
            setBefore = timesSet;
        }
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery("select cast(settings as text) from sandbox.fault_settings where id = 1")
                .getResultList());
        Faults stored = rows.isEmpty() ? Faults.NONE : json.read((String) rows.get(0), Faults.class);
        synchronized (this) {
            if (timesSet == setBefore) {
                current = stored;
            }
        }
    }

    /** Simulates what is set for any call: latency first, then an outage, an error or throttling. */
    void beforeCall() {
        Faults faults = current;
        long latency = faults.fixedLatencyMs()
                + (faults.randomLatencyMs() > 0 ? ThreadLocalRandom.current().nextLong(faults.randomLatencyMs() + 1) : 0);
        if (latency > 0) {
            try {
                Thread.sleep(latency);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ErpUnavailableException(ErpUnavailableException.Cause.TIMEOUT,
                        "the sandbox ERP's call was interrupted");
            }
        }
        if (faults.outage()) {
            throw new ErpUnavailableException(ErpUnavailableException.Cause.UNREACHABLE,
                    "connection refused (simulated outage of the sandbox ERP)");
        }
        if (faults.errorRate() > 0 && ThreadLocalRandom.current().nextDouble() < faults.errorRate()) {
            throw new ErpUnavailableException(ErpUnavailableException.Cause.SERVER_ERROR,
                    "HTTP 503 from the sandbox ERP (simulated error)");
        }
        if (faults.throttleRetryAfterSeconds() != null) {
            throw new ErpUnavailableException(ErpUnavailableException.Cause.THROTTLED,
                    "HTTP 429 from the sandbox ERP (simulated throttling)",
                    Duration.ofSeconds(faults.throttleRetryAfterSeconds()), null);
        }
    }

    /** When recent postings were made, for the sandbox's own rate limit. */
    private final java.util.ArrayDeque<Long> postings = new java.util.ArrayDeque<>();

    /** The sandbox's own API limit: postings beyond so many in any second are throttled. */
    void beforePosting() {
        Integer limit = current.postingsPerSecond();
        if (limit == null) {
            return;
        }
        long now = System.nanoTime();
        synchronized (postings) {
            while (!postings.isEmpty() && now - postings.peekFirst() >= 1_000_000_000L) {
                postings.removeFirst();
            }
            if (postings.size() >= limit) {
                throw new ErpUnavailableException(ErpUnavailableException.Cause.THROTTLED,
                        "HTTP 429 from the sandbox ERP (more than " + limit + " postings in a second)",
                        Duration.ofSeconds(1), null);
            }
            postings.addLast(now);
        }
    }

    /** Whether postings touching this contract are to be refused. */
    Optional<String> refusal(String contractNumber) {
        return current.refuseContracts().contains(contractNumber)
                ? Optional.of("contract " + contractNumber + " is on hold in the sandbox ERP (simulated refusal)")
                : Optional.empty();
    }
}
