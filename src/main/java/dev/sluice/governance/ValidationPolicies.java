package dev.sluice.governance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.contract.OpenApiContract;
import io.quarkus.runtime.Startup;
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
import org.jboss.logging.Logger;

/**
 * What the gateway does with a write it cannot fully check alone while the ERP cannot answer,
 * per operation, from {@code policies/validation.yaml}: accept it with validation deferred to
 * delivery, or refuse it with 503. An invalid file stops the start with every error named; a
 * change is picked up while running, and an invalid change is refused, keeping the policy in force.
 */
@Startup
@ApplicationScoped
public class ValidationPolicies {

    private static final Logger LOG = Logger.getLogger(ValidationPolicies.class);
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

    private final Path file;
    private volatile Policy current;
    private volatile String loadedText;

    @Inject
    ValidationPolicies(ValidationConfig config) {
        this(Path.of(config.file()));
    }

    ValidationPolicies(Path file) {
        this.file = file;
        String text = PolicyFile.read(file, "sluice.validation.file");
        this.current = parse(file.toString(), text);
        this.loadedText = text;
        LOG.infof("Validation policy from %s: %s", file, current.operations());
    }

    public Policy current() {
        return current;
    }

    /** Reads the file again if it changed; an invalid change is logged and the policy in force stays. */
    @io.quarkus.scheduler.Scheduled(every = "${sluice.validation.reload-interval:1s}",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = io.quarkus.scheduler.Scheduled.ApplicationNotRunning.class)
    public void reload() {
        String text;
        try {
            text = PolicyFile.read(file, "sluice.validation.file");
        } catch (PolicyFile.InvalidPolicyException e) {
            LOG.errorf("Validation policy not reloaded, the policy in force stays: %s", e.getMessage());
            return;
        }
        if (text.equals(loadedText)) {
            return;
        }
        try {
            current = parse(file.toString(), text);
            LOG.infof("Validation policy reloaded from %s: %s", file, current.operations());
        } catch (PolicyFile.InvalidPolicyException e) {
            LOG.errorf("Validation policy not reloaded, the policy in force stays: %s", e.getMessage());
        }
        loadedText = text;
    }

    /** Parses and checks a policy: against its schema, and each operation against the API's writes. */
    static Policy parse(String name, String text) {
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

    /** The operationIds of the v1 API's writes. */
    private static Set<String> writeOperations() {
        Set<String> writes = new TreeSet<>();
        OpenApiContract.v1().operations().values().stream()
                .filter(o -> o.method().equals("POST"))
                .forEach(o -> writes.add(o.operationId()));
        return writes;
    }
}
