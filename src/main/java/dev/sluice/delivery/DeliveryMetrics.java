package dev.sluice.delivery;

import dev.sluice.domain.OperationStatus;
import dev.sluice.domain.OperationType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import dev.sluice.erp.ErpBackend;
import dev.sluice.erp.Selected;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
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
    private final AtomicLong outboxDepth = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();

    DeliveryMetrics(MeterRegistry registry, @Selected ErpBackend erp) {
        this.registry = registry;
        Gauge.builder("sluice.outbox.depth", outboxDepth, AtomicLong::get)
                .description("Operation parts accepted and not yet delivered (dead letters included), across all processes")
                .tag("backend", erp.name())
                .register(registry);
        Gauge.builder("sluice.outbox.oldest.age", oldestAgeSeconds, AtomicLong::get)
                .description("Age of the oldest part not yet delivered")
                .baseUnit("seconds")
                .tag("backend", erp.name())
                .register(registry);
        Gauge.builder("sluice.dead.letters", deadLetters, AtomicLong::get)
                .description("Parts whose delivery attempts were exhausted, waiting for replay or discard")
                .tag("backend", erp.name())
                .register(registry);
    }

    /** Operation parts waiting for the ERP, across all processes, as of the last count. */
    public long outboxDepth() {
        return outboxDepth.get();
    }

    /** Counted in the background, so a scrape never waits for the database. */
    @Scheduled(every = "${sluice.metrics.outbox-refresh:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void countOutbox() {
        QuarkusTransaction.requiringNew().run(() -> {
            outboxDepth.set(OutboxRow.count());
            deadLetters.set(OutboxRow.count("deadLetteredAt is not null"));
            OutboxRow oldest = OutboxRow.<OutboxRow>find("order by id").firstResult();
            oldestAgeSeconds.set(oldest == null ? 0
                    : Duration.between(oldest.createdAt, OffsetDateTime.now()).toSeconds());
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
