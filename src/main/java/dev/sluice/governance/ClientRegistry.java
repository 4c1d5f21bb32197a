package dev.sluice.governance;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which OAuth clients are disabled. A disabled client's tokens are refused at once, not when
 * they expire: this process knows as soon as it disables one, the others within a second,
 * from the database they share. Answering never waits for the database.
 */
@ApplicationScoped
public class ClientRegistry {

    private final EntityManager entityManager;
    private volatile Set<String> disabled = Set.of();

    ClientRegistry(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public boolean isDisabled(String clientId) {
        return disabled.contains(clientId);
    }

    void load(@Observes StartupEvent start) {
        refresh();
    }

    @Scheduled(every = "${sluice.clients.refresh:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        List<String> ids = QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery("select client_id from oauth_client where not enabled", String.class)
                .getResultList());
        disabled = Set.copyOf(ids);
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
