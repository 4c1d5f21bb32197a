package dev.sluice.governance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.contract.ApiContracts;
import dev.sluice.policy.PolicyFile;
import dev.sluice.policy.ReloadablePolicy;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the gateway does with a write it cannot fully check alone while the ERP cannot answer,
 * per operation, from {@code policies/validation.yaml}: accept it with validation deferred to
 * delivery, or refuse it with 503. An invalid file stops the start with every error named; a
 * change is picked up while running, and an invalid change is refused, keeping the policy in force.
 */
@Startup
@ApplicationScoped
public class ValidationPolicies {

    private static final PolicyFile SCHEMA = new PolicyFile("validation.schema.json");

    /** What happens to a write the gateway cannot fully check alone. */
    public enum WhenUndecided { DEFER, REFUSE }

    /** The policy in force. */
    public record Policy(Duration retryAfter, Map<String, WhenUndecided> operations) {

        public Policy {
            operations = Map.copyOf(operations);
        }

        /** For the write with this operationId; writes not listed are refused. */
        public WhenUndecided forOperation(String operationId) {
            return operations.getOrDefault(operationId, WhenUndecided.REFUSE);
        }
    }

    private final ReloadablePolicy<Policy> policy;

    @Inject
    ValidationPolicies(ValidationConfig config) {
        this(Path.of(config.file()));
    }

    ValidationPolicies(Path file) {
        this.policy = new ReloadablePolicy<>("Validation policy", file, "sluice.validation.file",
                ValidationPolicies::parse);
    }

    public Policy current() {
        return policy.current();
    }

    @Scheduled(every = "${sluice.validation.reload-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void reload() {
        policy.reload();
    }

    /** Parses and checks a policy: against its schema, and each operation against the API's writes. */
    public static Policy parse(String name, String text) {
        JsonNode root = SCHEMA.parse(name, text);
        Set<String> writes = writeOperations();
        List<String> errors = new ArrayList<>();
        Map<String, WhenUndecided> operations = new LinkedHashMap<>();
        root.path("operations").fields().forEachRemaining(entry -> {
            if (!writes.contains(entry.getKey())) {
                errors.add("/operations/" + entry.getKey() + ": not a write of the API; its writes are " + writes);
            } else {
                operations.put(entry.getKey(), WhenUndecided.valueOf(entry.getValue().asText().toUpperCase()));
            }
        });
        if (!errors.isEmpty()) {
            throw new PolicyFile.InvalidPolicyException(name, errors);
        }
        return new Policy(Duration.ofSeconds(root.path("retry-after-seconds").asInt(30)), operations);
    }

    /** The operationIds of the API's writes (not the admin API's). */
    private static Set<String> writeOperations() {
        Set<String> writes = new TreeSet<>();
        ApiContracts.all().stream().flatMap(c -> c.operations().values().stream())
                .filter(o -> o.method().equals("POST") && o.path().startsWith("/api/"))
                .forEach(o -> writes.add(o.operationId()));
        return writes;
    }
}
