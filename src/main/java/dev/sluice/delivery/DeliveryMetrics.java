package dev.sluice.delivery;

import dev.sluice.domain.OperationStatus;
import dev.sluice.domain.OperationType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import dev.sluice.erp.ErpBackend;
import dev.sluice.erp.routing.ErpRouting;
import jakarta.persistence.EntityManager;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What operations staff watch: writes accepted, operations finished by outcome, the time from
 * accept to posted, and the outbox still to deliver (all processes together).
 */
@ApplicationScoped
public class DeliveryMetrics {

    private static final Duration[] BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
        Duration.ofMinutes(5), Duration.ofMinutes(30)};

    private final MeterRegistry registry;
    private final EntityManager entityManager;
    private final String defaultBackend;
    private final Map<String, Counts> counts = new HashMap<>();

    /** One backend's outbox, as of the last count. */
    private static final class Counts {
        final AtomicLong depth = new AtomicLong();
        final AtomicLong oldestAgeSeconds = new AtomicLong();
        final AtomicLong deadLetters = new AtomicLong();
    }

    DeliveryMetrics(MeterRegistry registry, ErpRouting routing, EntityManager entityManager) {
        this.registry = registry;
        this.entityManager = entityManager;
        this.defaultBackend = routing.defaultBackend().name();
        for (ErpBackend backend : routing.backends()) {
            Counts c = new Counts();
            counts.put(backend.name(), c);
            Gauge.builder("sluice.outbox.depth", c.depth, AtomicLong::get)
                    .description("Operation parts accepted and not yet delivered (dead letters included), across all processes")
                    .tag("backend", backend.name())
                    .register(registry);
            Gauge.builder("sluice.outbox.oldest.age", c.oldestAgeSeconds, AtomicLong::get)
                    .description("Age of the oldest part not yet delivered")
                    .baseUnit("seconds")
                    .tag("backend", backend.name())
                    .register(registry);
            Gauge.builder("sluice.dead.letters", c.deadLetters, AtomicLong::get)
                    .description("Parts whose delivery attempts were exhausted, waiting for replay or discard")
                    .tag("backend", backend.name())
                    .register(registry);
        }
    }

    /** Operation parts waiting for one backend, across all processes, as of the last count. */
    public long outboxDepth(String backend) {
        Counts c = counts.get(backend);
        return c == null ? 0 : c.depth.get();
    }

    /** Counted in the background, so a scrape never waits for the database. */
    @Scheduled(every = "${sluice.metrics.outbox-refresh:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @SuppressWarnings("unchecked")
    void countOutbox() {
        QuarkusTransaction.requiringNew().run(() -> {
            List<Object[]> rows = entityManager.createNativeQuery("""
                    select coalesce(backend, ?1), count(*), count(dead_lettered_at),
                           cast(extract(epoch from now() - min(created_at)) as bigint)
                    from outbox group by 1""")
                    .setParameter(1, defaultBackend)
                    .getResultList();
            Map<String, Object[]> byBackend = new HashMap<>();
            rows.forEach(r -> byBackend.put((String) r[0], r));
            counts.forEach((backend, c) -> {
                Object[] row = byBackend.get(backend);
                c.depth.set(row == null ? 0 : ((Number) row[1]).longValue());
                c.deadLetters.set(row == null ? 0 : ((Number) row[2]).longValue());
                c.oldestAgeSeconds.set(row == null || row[3] == null ? 0 : ((Number) row[3]).longValue());
            });
        });
    }

    /** One delivery attempt and what came of it: POSTED, REFUSED, or what kept the ERP from answering. */
    void attempt(String backend, String outcome) {
        Counter.builder("sluice.delivery.attempts")
                .description("Delivery attempts to the ERP, by outcome")
                .tag("backend", backend)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    void accepted(OperationType type) {
        Counter.builder("sluice.operations.accepted")
                .description("Writes accepted durably")
                .tag("type", type.name())
                .register(registry)
                .increment();
    }

    void finished(OperationType type, OperationStatus status, OffsetDateTime acceptedAt, OffsetDateTime at) {
        Counter.builder("sluice.operations.finished")
                .description("Operations that reached a final state")
                .tag("type", type.name())
                .tag("status", status.name())
                .register(registry)
                .increment();
        if (status == OperationStatus.POSTED) {
            Timer.builder("sluice.operations.accept.to.posted")
                    .description("Time from accepting a write to the ERP posting it")
                    .tag("type", type.name())
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry)
                    .record(Duration.between(acceptedAt, at));
        }
    }
}
