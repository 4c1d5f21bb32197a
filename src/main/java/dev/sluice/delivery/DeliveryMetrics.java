package dev.sluice.delivery;

import dev.sluice.domain.OperationStatus;
import dev.sluice.domain.OperationType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import dev.sluice.erp.ErpBackend;
import dev.sluice.erp.routing.ErpRouting;
import jakarta.persistence.EntityManager;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
    private final DeliveryQueue queue;
    private final MultiGauge waiting;
    private final MultiGauge oldest;
    private final MultiGauge deferred;
    private final MultiGauge deadLettered;

    /** One backend's outbox, as of the last count. */
    private static final class Counts {
        final AtomicLong depth = new AtomicLong();
        final AtomicLong oldestAgeSeconds = new AtomicLong();
        final AtomicLong deadLetters = new AtomicLong();
    }

    DeliveryMetrics(MeterRegistry registry, ErpRouting routing, EntityManager entityManager, DeliveryQueue queue,
            ErpStates erps) {
        this.registry = registry;
        this.entityManager = entityManager;
        this.queue = queue;
        this.defaultBackend = routing.defaultBackend().name();
        this.waiting = MultiGauge.builder("sluice.queue.waiting")
                .description("Operations waiting for delivery, by backend and legal entity, across all processes")
                .register(registry);
        this.oldest = MultiGauge.builder("sluice.queue.oldest.age")
                .description("How long the oldest operation waiting for delivery has waited, by backend and legal entity")
                .baseUnit("seconds")
                .register(registry);
        this.deferred = MultiGauge.builder("sluice.queue.deferred.validation")
                .description("Waiting operations accepted with validation deferred (the ERP could not answer), not yet validated")
                .register(registry);
        this.deadLettered = MultiGauge.builder("sluice.queue.dead.lettered")
                .description("Dead-lettered operations, by backend and legal entity")
                .register(registry);
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
            Gauge.builder("sluice.erp.circuit.state", () -> circuitValue(erps.of(backend.name()).circuit()))
                    .description("This process's circuit in front of deliveries to the ERP: 0 closed, 1 half-open, 2 open")
                    .tag("backend", backend.name())
                    .register(registry);
            Gauge.builder("sluice.erp.last.success.timestamp", () -> erps.of(backend.name()).lastSuccessAt()
                            .map(at -> at.toEpochMilli() / 1000.0).orElse(Double.NaN))
                    .description("When the ERP last answered a call of this process (a refusal is an answer)")
                    .baseUnit("seconds")
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
    @Scheduled(every = "${sluice.metrics.outbox-refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
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
        countQueue();
    }

    /** The queue per backend and legal entity, as the admin API's queue reports it. */
    private void countQueue() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<MultiGauge.Row<?>> waitingRows = new ArrayList<>();
        List<MultiGauge.Row<?>> oldestRows = new ArrayList<>();
        List<MultiGauge.Row<?>> deferredRows = new ArrayList<>();
        List<MultiGauge.Row<?>> deadRows = new ArrayList<>();
        for (DeliveryQueue.BackendQueue backend : queue.now()) {
            for (DeliveryQueue.LegalEntityQueue entity : backend.legalEntities()) {
                Tags tags = Tags.of("backend", backend.backend(), "legal_entity",
                        entity.legalEntity() == null ? "" : entity.legalEntity());
                DeliveryQueue.Counts c = entity.counts();
                waitingRows.add(MultiGauge.Row.of(tags, c.waiting()));
                oldestRows.add(MultiGauge.Row.of(tags, c.oldestAcceptedAt() == null ? 0
                        : Math.max(0, Duration.between(c.oldestAcceptedAt(), now).toSeconds())));
                deferredRows.add(MultiGauge.Row.of(tags, c.deferredValidation()));
                deadRows.add(MultiGauge.Row.of(tags, c.deadLettered()));
            }
        }
        waiting.register(waitingRows, true);
        oldest.register(oldestRows, true);
        deferred.register(deferredRows, true);
        deadLettered.register(deadRows, true);
    }

    private static double circuitValue(dev.sluice.erp.ErpHealth.Circuit state) {
        return switch (state) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
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
