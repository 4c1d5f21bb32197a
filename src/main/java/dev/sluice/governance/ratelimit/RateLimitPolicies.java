package dev.sluice.governance.ratelimit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.contract.ApiContracts;
import dev.sluice.contract.OpenApiContract.OperationSpec;
import dev.sluice.policy.PolicyFile;
import dev.sluice.policy.ReloadablePolicy;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The rate-limit plans in force, read from {@code policies/rate-limits.yaml} and checked against
 * {@code policies/schemas/rate-limits.schema.json}, then against the contract: a cost names an
 * operation of the API, and a per-entry cost one whose request the contract marks as a batch. An
 * invalid file stops the gateway from starting, with every error named by file and path; a change
 * to the file is picked up while running, and a change that is not valid is refused, keeping the
 * plans in force.
 */
@Startup
@ApplicationScoped
public class RateLimitPolicies {

    private static final Logger LOG = Logger.getLogger(RateLimitPolicies.class);
    private static final PolicyFile SCHEMA = new PolicyFile("rate-limits.schema.json");

    private final ReloadablePolicy<RateLimitPolicy> policy;

    @Inject
    RateLimitPolicies(RateLimitConfig config) {
        this(Path.of(config.file()));
    }

    RateLimitPolicies(Path file) {
        this.policy = new ReloadablePolicy<>("Rate-limit plans", file, "sluice.rate-limits.file",
                RateLimitPolicies::parse);
    }

    public RateLimitPolicy current() {
        return policy.current();
    }

    /** The plan names a client may be registered with. */
    public Set<String> planNames() {
        return current().plans().keySet();
    }

    @Scheduled(every = "${sluice.rate-limits.reload-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void reload() {
        policy.reload();
    }

    /** Parses and validates a plans file; every error names the file and the path in it. */
    public static RateLimitPolicy parse(String name, String text) {
        JsonNode root = SCHEMA.parse(name, text);
        List<String> errors = new ArrayList<>();
        Map<String, Plan> plans = new LinkedHashMap<>();
        root.path("plans").fields().forEachRemaining(e -> {
            JsonNode plan = e.getValue();
            plans.put(e.getKey(), new Plan(e.getKey(), plan.path("rate").asDouble(), plan.path("burst").asLong(),
                    plan.path("daily-quota").asLong(), "fail-open".equals(plan.path("on-redis-failure").asText())));
        });
        Map<String, Integer> costs = new LinkedHashMap<>();
        root.path("costs").fields().forEachRemaining(e -> {
            String path = "/costs/" + e.getKey();
            Optional<OperationSpec> operation = ApiContracts.operation(e.getKey())
                    .filter(o -> o.path().startsWith("/api/"));
            if (operation.isEmpty()) {
                errors.add(path + ": no operation " + e.getKey() + " in the v1 contract");
            } else if (!e.getValue().isTextual()) {
                costs.put(e.getKey(), e.getValue().asInt());
            } else if (operation.get().batchMember().isEmpty()) {
                errors.add(path + ": per-entry applies to batches only, and the contract does not mark "
                        + e.getKey() + " as one");
            } else {
                costs.put(e.getKey(), RateLimitPolicy.PER_ENTRY);
            }
        });
        Map<String, BackendLimit> backends = new LinkedHashMap<>();
        root.path("backends").fields().forEachRemaining(e -> {
            JsonNode limit = e.getValue();
            backends.put(e.getKey(), new BackendLimit(e.getKey(), limit.path("concurrency").asInt(),
                    limit.path("rate").asDouble(), limit.path("max-outbox-depth").asLong()));
        });
        if (!errors.isEmpty()) {
            throw new PolicyFile.InvalidPolicyException(name, errors);
        }
        if (root.has("expected-replicas")) {
            LOG.warnf("%s: expected-replicas is no longer read: while Redis cannot be reached, each process counts a"
                    + " fail-open plan at its share among the gateway processes alive; remove the key", name);
        }
        return new RateLimitPolicy(plans, costs, backends);
    }
}
