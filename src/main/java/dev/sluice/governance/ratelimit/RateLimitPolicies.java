package dev.sluice.governance.ratelimit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sluice.api.contract.ApiContracts;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The rate-limit plans in force, read from {@code policies/rate-limits.yaml}. An invalid file
 * stops the gateway from starting, with every error named by file and path; a change to the file
 * is picked up while running, and a change that is not valid is refused, keeping the plans in
 * force.
 */
@Startup
@ApplicationScoped
public class RateLimitPolicies {

    private static final Logger LOG = Logger.getLogger(RateLimitPolicies.class);
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> TOP = Set.of("expected-replicas", "plans", "costs", "backends");
    private static final Set<String> BACKEND = Set.of("concurrency", "rate", "max-outbox-depth");
    private static final Set<String> PLAN = Set.of("rate", "burst", "daily-quota", "on-redis-failure");

    private final Path file;
    private volatile RateLimitPolicy current;
    private volatile String loadedText;

    RateLimitPolicies(RateLimitConfig config) {
        this.file = Path.of(config.file());
        String text = read(file);
        this.current = parse(file.toString(), text);
        this.loadedText = text;
        LOG.infof("Rate-limit plans from %s: %s", file, current.plans().keySet());
    }

    public RateLimitPolicy current() {
        return current;
    }

    /** The plan names a client may be registered with. */
    public Set<String> planNames() {
        return current.plans().keySet();
    }

    @Scheduled(every = "${sluice.rate-limits.reload-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void reload() {
        String text;
        try {
            text = read(file);
        } catch (IllegalStateException e) {
            LOG.errorf("Rate-limit plans not reloaded: %s; the plans in force stay", e.getMessage());
            return;
        }
        if (text.equals(loadedText)) {
            return;
        }
        try {
            current = parse(file.toString(), text);
            LOG.infof("Rate-limit plans reloaded from %s: %s", file, current.plans().keySet());
        } catch (InvalidPolicyException e) {
            LOG.errorf("Rate-limit plans not reloaded, the plans in force stay: %s", e.getMessage());
        }
        loadedText = text;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the rate-limit plans " + file.toAbsolutePath()
                    + " (sluice.rate-limits.file): " + e.getMessage(), e);
        }
    }

    /** Parses and validates a plans file; every error names the file and the path in it. */
    static RateLimitPolicy parse(String name, String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidPolicyException(name, List.of("not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")")));
        }
        List<String> errors = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new InvalidPolicyException(name, List.of("/: must be a mapping with plans"));
        }
        unknown(root, "", TOP, errors);
        int replicas = 1;
        JsonNode replicasNode = root.get("expected-replicas");
        if (replicasNode != null) {
            if (!replicasNode.isInt() || replicasNode.asInt() < 1) {
                errors.add("/expected-replicas: must be a whole number of at least 1, not " + replicasNode);
            } else {
                replicas = replicasNode.asInt();
            }
        }
        Map<String, Plan> plans = new LinkedHashMap<>();
        JsonNode plansNode = root.get("plans");
        if (plansNode == null || !plansNode.isObject() || plansNode.isEmpty()) {
            errors.add("/plans: at least one plan is required");
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = plansNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                Plan plan = plan(entry.getKey(), entry.getValue(), errors);
                if (plan != null) {
                    plans.put(entry.getKey(), plan);
                }
            }
        }
        Map<String, Integer> costs = new LinkedHashMap<>();
        JsonNode costsNode = root.get("costs");
        if (costsNode != null && !costsNode.isNull()) {
            if (!costsNode.isObject()) {
                errors.add("/costs: must be a mapping of operationId to cost");
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = costsNode.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    String path = "/costs/" + entry.getKey();
                    if (ApiContracts.operation(entry.getKey()).isEmpty()
                            || !ApiContracts.operation(entry.getKey()).get().path().startsWith("/api/")) {
                        errors.add(path + ": no operation " + entry.getKey() + " in the v1 contract");
                    } else if (entry.getValue().isInt() && entry.getValue().asInt() >= 0) {
                        costs.put(entry.getKey(), entry.getValue().asInt());
                    } else if ("per-entry".equals(entry.getValue().asText())) {
                        if (!"approveTime".equals(entry.getKey())) {
                            errors.add(path + ": per-entry applies to batches (approveTime) only");
                        } else {
                            costs.put(entry.getKey(), RateLimitPolicy.PER_ENTRY);
                        }
                    } else {
                        errors.add(path + ": must be a whole number of at least 0, or per-entry, not " + entry.getValue());
                    }
                }
            }
        }
        Map<String, BackendLimit> backends = new LinkedHashMap<>();
        JsonNode backendsNode = root.get("backends");
        if (backendsNode != null && !backendsNode.isNull()) {
            if (!backendsNode.isObject()) {
                errors.add("/backends: must be a mapping of backend name to its limits");
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = backendsNode.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    BackendLimit limit = backend(entry.getKey(), entry.getValue(), errors);
                    if (limit != null) {
                        backends.put(entry.getKey(), limit);
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidPolicyException(name, errors);
        }
        return new RateLimitPolicy(replicas, plans, costs, backends);
    }

    private static Plan plan(String name, JsonNode node, List<String> errors) {
        String path = "/plans/" + name;
        if (!name.matches("[a-z][a-z0-9-]{0,63}")) {
            errors.add(path + ": a plan name is lower case letters, digits and '-', starting with a letter");
        }
        if (!node.isObject()) {
            errors.add(path + ": must be a mapping with rate, burst, daily-quota and on-redis-failure");
            return null;
        }
        int before = errors.size();
        unknown(node, path, PLAN, errors);
        JsonNode rate = node.get("rate");
        if (rate == null || !rate.isNumber() || rate.asDouble() <= 0) {
            errors.add(path + "/rate: must be a number of units per second above 0, not " + rate);
        }
        JsonNode burst = node.get("burst");
        if (burst == null || !burst.canConvertToLong() || !burst.isIntegralNumber() || burst.asLong() < 1) {
            errors.add(path + "/burst: must be a whole number of at least 1, not " + burst);
        }
        JsonNode daily = node.get("daily-quota");
        if (daily == null || !daily.isIntegralNumber() || daily.asLong() < 1) {
            errors.add(path + "/daily-quota: must be a whole number of at least 1, not " + daily);
        }
        JsonNode failure = node.get("on-redis-failure");
        String onFailure = failure == null ? null : failure.asText();
        if (!"fail-open".equals(onFailure) && !"fail-closed".equals(onFailure)) {
            errors.add(path + "/on-redis-failure: must be fail-open or fail-closed, not " + failure);
        }
        if (errors.size() > before) {
            return null;
        }
        return new Plan(name, rate.asDouble(), burst.asLong(), daily.asLong(), "fail-open".equals(onFailure));
    }

    private static BackendLimit backend(String name, JsonNode node, List<String> errors) {
        String path = "/backends/" + name;
        if (!node.isObject()) {
            errors.add(path + ": must be a mapping with concurrency, rate and max-outbox-depth");
            return null;
        }
        int before = errors.size();
        unknown(node, path, BACKEND, errors);
        JsonNode concurrency = node.get("concurrency");
        if (concurrency == null || !concurrency.isInt() || concurrency.asInt() < 1) {
            errors.add(path + "/concurrency: must be a whole number of calls of at least 1, not " + concurrency);
        }
        JsonNode rate = node.get("rate");
        if (rate == null || !rate.isNumber() || rate.asDouble() <= 0) {
            errors.add(path + "/rate: must be a number of calls per second above 0, not " + rate);
        }
        JsonNode depth = node.get("max-outbox-depth");
        if (depth == null || !depth.isIntegralNumber() || depth.asLong() < 1) {
            errors.add(path + "/max-outbox-depth: must be a whole number of at least 1, not " + depth);
        }
        if (errors.size() > before) {
            return null;
        }
        return new BackendLimit(name, concurrency.asInt(), rate.asDouble(), depth.asLong());
    }

    private static void unknown(JsonNode node, String path, Set<String> known, List<String> errors) {
        node.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                errors.add(path + "/" + field + ": unknown key; known: " + String.join(", ", known.stream().sorted().toList()));
            }
        });
    }

    /** A plans file that cannot be used, with every reason. */
    public static final class InvalidPolicyException extends IllegalStateException {
        InvalidPolicyException(String file, List<String> errors) {
            super("Invalid rate-limit plans in " + file + ": " + String.join("; ", errors));
        }
    }
}
