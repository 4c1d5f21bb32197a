package dev.sluice.delivery;

import dev.sluice.api.problem.ProblemException;
import dev.sluice.api.problem.ProblemKind;
import dev.sluice.erp.ErpBackend;
import dev.sluice.erp.Selected;
import dev.sluice.governance.ratelimit.BackendLimit;
import dev.sluice.governance.ratelimit.RateLimitPolicies;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses new writes for an ERP backend whose outbox is deeper than its bound
 * ({@code max-outbox-depth} in {@code policies/rate-limits.yaml}): a 503 with Retry-After, not a
 * queue without end. Reads, and repeats of writes already accepted, are not affected.
 */
@ApplicationScoped
public class LoadShedding {

    private final DeliveryMetrics depth;
    private final ErpBackend erp;
    private final RateLimitPolicies policies;
    private final Counter shed;

    LoadShedding(DeliveryMetrics depth, @Selected ErpBackend erp, RateLimitPolicies policies, MeterRegistry metrics) {
        this.depth = depth;
        this.erp = erp;
        this.policies = policies;
        this.shed = Counter.builder("sluice.writes.shed")
                .description("Writes refused because the ERP's outbox was over its bound")
                .tag("backend", erp.name())
                .register(metrics);
    }

    public void admitWrite() {
        Optional<BackendLimit> limit = policies.current().backend(erp.name());
        long waiting = depth.outboxDepth();
        if (limit.isEmpty() || waiting <= limit.get().maxOutboxDepth()) {
            return;
        }
        shed.increment();
        // the time the backend's rate needs to bring the queue back under its bound, within reason
        long seconds = (long) Math.ceil((waiting - limit.get().maxOutboxDepth()) / limit.get().rate());
        long retryAfter = Math.min(300, Math.max(1, seconds));
        throw new ProblemException(ProblemKind.SERVICE_UNAVAILABLE, "The ERP " + erp.name() + " has " + waiting
                + " writes waiting for it, more than the " + limit.get().maxOutboxDepth()
                + " the gateway queues; new writes are refused until it catches up", List.of(),
                Map.of("Retry-After", Long.toString(retryAfter)));
    }
}
