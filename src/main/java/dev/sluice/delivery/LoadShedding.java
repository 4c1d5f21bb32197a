package dev.sluice.delivery;

import dev.sluice.governance.ratelimit.BackendLimit;
import dev.sluice.governance.ratelimit.RateLimitPolicies;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Optional;

/**
 * Refuses new writes for an ERP backend whose outbox is deeper than its bound
 * ({@code max-outbox-depth} in {@code policies/rate-limits.yaml}): a 503 with Retry-After, not a
 * queue without end. Reads, writes for other backends, and repeats of writes already accepted,
 * are not affected.
 */
@ApplicationScoped
public class LoadShedding {

    private final DeliveryMetrics depth;
    private final RateLimitPolicies policies;
    private final MeterRegistry metrics;

    LoadShedding(DeliveryMetrics depth, RateLimitPolicies policies, MeterRegistry metrics) {
        this.depth = depth;
        this.policies = policies;
        this.metrics = metrics;
    }

    /** Admits a write whose parts go to these backends, or refuses it for the first one over its bound. */
    public void admitWrite(Collection<String> backends) {
        backends.stream().distinct().forEach(this::admit);
    }

    private void admit(String backend) {
        Optional<BackendLimit> limit = policies.current().backend(backend);
        long waiting = depth.outboxDepth(backend);
        if (limit.isEmpty() || waiting <= limit.get().maxOutboxDepth()) {
            return;
        }
        Counter.builder("sluice.writes.shed")
                .description("Writes refused because the ERP's outbox was over its bound")
                .tag("backend", backend)
                .register(metrics)
                .increment();
        // the time the backend's rate needs to bring the queue back under its bound, within reason
        long seconds = (long) Math.ceil((waiting - limit.get().maxOutboxDepth()) / limit.get().rate());
        long retryAfter = Math.min(300, Math.max(1, seconds));
        throw new BackendOverloadedException(backend, waiting, limit.get().maxOutboxDepth(),
                java.time.Duration.ofSeconds(retryAfter));
    }
}
