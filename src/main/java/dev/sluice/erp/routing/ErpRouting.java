package dev.sluice.erp.routing;

import dev.sluice.erp.ErpAdapterFactory;
import dev.sluice.erp.ErpBackend;
import dev.sluice.erp.ErpHealth;
import dev.sluice.erp.FaultInjection;
import dev.sluice.policy.PolicyFile;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The ERP backends the gateway delivers to, made at start-up from {@code policies/routing.yaml}:
 * one adapter per backend entry, each behind the same guard ({@link GuardedBackend}), and the
 * backend for each legal entity.
 * A contract, and everything under it, goes to its legal entity's backend. A routing file that
 * cannot be used (unknown adapter type, missing setting, unresolvable credential) stops the start
 * with every problem named; a change to it takes effect at the next start.
 */
@Startup
@ApplicationScoped
public class ErpRouting {

    private static final Logger LOG = Logger.getLogger(ErpRouting.class);

    private final RoutingPolicy policy;
    private final Map<String, ErpBackend> backends = new LinkedHashMap<>();
    private final Map<String, ErpHealth> health = new LinkedHashMap<>();
    private final Duration longestPost;

    @Inject
    ErpRouting(RoutingConfig config, @Any Instance<ErpAdapterFactory> factories) {
        this(load(Path.of(config.file()), System::getenv), factories.stream().toList(), Guarding.NAMED);
    }

    /**
     * Routing by this policy, with these adapter factories, every backend behind the gateway's
     * guard; its circuit breakers are not registered by name (the application's routing registers
     * its own), so any number of these may be made.
     */
    public ErpRouting(RoutingPolicy policy, List<ErpAdapterFactory> factories) {
        this(policy, factories, Guarding.UNNAMED);
    }

    /**
     * Routing whose backends are called without the guard: for benchmarks that run outside the
     * application, where the fault-tolerance runtime the guard needs is not.
     */
    public static ErpRouting unguarded(RoutingPolicy policy, List<ErpAdapterFactory> factories) {
        return new ErpRouting(policy, factories, Guarding.NONE);
    }

    /** How backends are guarded: named circuits (once per application), unnamed ones, or none. */
    private enum Guarding { NAMED, UNNAMED, NONE }

    private ErpRouting(RoutingPolicy policy, List<ErpAdapterFactory> factories, Guarding guarding) {
        this.policy = policy;
        Map<String, ErpAdapterFactory> byType = factories.stream()
                .collect(Collectors.toMap(ErpAdapterFactory::type, Function.identity()));
        List<String> errors = new ArrayList<>();
        Duration longest = Duration.ZERO;
        for (var settings : policy.backends().values()) {
            ErpAdapterFactory factory = byType.get(settings.type());
            if (factory == null) {
                errors.add("/backends/" + settings.name() + "/type: no adapter " + settings.type() + "; known: "
                        + byType.keySet().stream().sorted().collect(Collectors.joining(", ")));
                continue;
            }
            try {
                GuardSettings guard = GuardSettings.of(settings);
                ErpHealth backendHealth = new ErpHealth(Clock.systemUTC());
                ErpBackend adapter = factory.create(settings);
                longest = longest.compareTo(guard.postTimeout()) >= 0 ? longest : guard.postTimeout();
                health.put(settings.name(), backendHealth);
                backends.put(settings.name(), guarding == Guarding.NONE ? adapter
                        : new GuardedBackend(adapter, guard, backendHealth, guarding == Guarding.NAMED));
            } catch (IllegalStateException | IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new PolicyFile.InvalidPolicyException("ERP routing", errors);
        }
        this.longestPost = longest;
        LOG.infof("ERP backends: %s; legal entities: %s; others go to %s", backends.keySet(), policy.legalEntities(),
                policy.defaultBackend());
    }

    static RoutingPolicy load(Path file, Function<String, String> environment) {
        return RoutingPolicy.parse(file.toString(), PolicyFile.read(file, "sluice.routing.file"), environment);
    }

    /** The backend named so, if routing has one. */
    public Optional<ErpBackend> backend(String name) {
        return Optional.ofNullable(backends.get(name));
    }

    /** How the named backend has been answering this process. */
    public Optional<ErpHealth.Snapshot> health(String name) {
        return Optional.ofNullable(health.get(name)).map(ErpHealth::snapshot);
    }

    /** Every backend, the default first. */
    public Collection<ErpBackend> backends() {
        List<ErpBackend> ordered = new ArrayList<>();
        ordered.add(defaultBackend());
        backends.values().stream().filter(b -> b != defaultBackend()).forEach(ordered::add);
        return ordered;
    }

    public ErpBackend defaultBackend() {
        return backends.get(policy.defaultBackend());
    }

    /** Whether the default, or any legal entity, goes to a backend of this adapter type. */
    public boolean routesTo(String type) {
        return policy.routesTo(type);
    }

    /** The name of the backend a legal entity's contracts go to. */
    public String backendNameFor(String legalEntity) {
        return policy.backendFor(legalEntity);
    }

    public ErpBackend backendFor(String legalEntity) {
        return backends.get(policy.backendFor(legalEntity));
    }

    /** The longest a delivery to any backend may take: the dispatcher's lease must outlast it. */
    public Duration longestPostTimeout() {
        return longestPost;
    }

    /** The simulated faults of the backend that offers them (the sandbox), if one is routed. */
    public Optional<FaultInjection> faultInjection() {
        return backends.values().stream().map(ErpBackend::faultInjection).flatMap(Optional::stream).findFirst();
    }
}
