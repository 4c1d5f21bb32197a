package dev.sluice.governance;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * Which OAuth clients are disabled, and each client's rate plan. A disabled client's tokens are
 * refused at once, not when they expire, and a changed plan applies to the next request: this
 * process knows as soon as it makes the change, the others within {@code sluice.clients.refresh}
 * (a second), from the database they share. Answering never waits for the database.
 */
@ApplicationScoped
public class ClientRegistry {

    private final EntityManager entityManager;
    private volatile Set<String> disabled = Set.of();
    private volatile Map<String, String> plans = Map.of();

    ClientRegistry(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public boolean isDisabled(String clientId) {
        return disabled.contains(clientId);
    }

    /** The rate plan the client is registered with, or null when it has none. */
    public String ratePlan(String clientId) {
        return plans.get(clientId);
    }

    void load(@Observes StartupEvent start) {
        refresh();
    }

    @Scheduled(every = "${sluice.clients.refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery("select client_id, enabled, rate_plan from oauth_client", Object[].class)
                .getResultList());
        Set<String> off = new HashSet<>();
        Map<String, String> planOf = new HashMap<>();
        for (Object[] row : rows) {
            if (!(Boolean) row[1]) {
                off.add((String) row[0]);
            }
            if (row[2] != null) {
                planOf.put((String) row[0], (String) row[2]);
            }
        }
        disabled = Set.copyOf(off);
        plans = Map.copyOf(planOf);
    }

    /** Takes effect in this process now; call after the change is committed. */
    public void planChanged(String clientId, String ratePlan) {
        Map<String, String> next = new HashMap<>(plans);
        next.put(clientId, ratePlan);
        plans = Map.copyOf(next);
    }

    /** Takes effect in this process now; call after the change is committed. */
    public void changed(String clientId, boolean enabled) {
        Set<String> next = new HashSet<>(disabled);
        if (enabled) {
            next.remove(clientId);
        } else {
            next.add(clientId);
        }
        disabled = Set.copyOf(next);
    }
}
