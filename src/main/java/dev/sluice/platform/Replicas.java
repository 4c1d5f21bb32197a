package dev.sluice.platform;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The gateway processes of a deployment, as they announce themselves in the shared database:
 * each records a heartbeat every {@code sluice.replicas.heartbeat}, and those heard from within
 * three heartbeats are alive. What needs the count (a fail-open rate plan's share while Redis
 * cannot be reached) reads the last one counted, never the database.
 */
@ApplicationScoped
public class Replicas implements ReplicaCount {

    private static final Logger LOG = Logger.getLogger(Replicas.class);

    private final EntityManager entityManager;
    private final ReplicasConfig config;
    private final String name = ThisProcess.name();
    private final AtomicInteger alive = new AtomicInteger(1);

    Replicas(EntityManager entityManager, ReplicasConfig config, MeterRegistry metrics) {
        this.entityManager = entityManager;
        this.config = config;
        Gauge.builder("sluice.replicas.alive", alive, AtomicInteger::get)
                .description("Gateway processes that announced themselves within three heartbeats, this one included")
                .register(metrics);
    }

    /** The processes alive at the last heartbeat, this one included: at least 1. */
    @Override
    public int alive() {
        return alive.get();
    }

    void start(@Observes StartupEvent event) {
        beat();
    }

    /** Records this process' heartbeat and counts the processes alive; forgets those long gone. */
    @Scheduled(every = "${sluice.replicas.heartbeat}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void beat() {
        double heartbeat = config.heartbeat().toMillis() / 1000d;
        try {
            Number counted = QuarkusTransaction.requiringNew().call(() -> {
                entityManager.createNativeQuery("""
                        insert into replica (name, started_at, heartbeat_at) values (?1, now(), now())
                        on conflict (name) do update set heartbeat_at = excluded.heartbeat_at""")
                        .setParameter(1, name).executeUpdate();
                entityManager.createNativeQuery(
                        "delete from replica where heartbeat_at < now() - make_interval(secs => ?1)")
                        .setParameter(1, 100 * heartbeat).executeUpdate();
                return (Number) entityManager.createNativeQuery(
                        "select count(*) from replica where heartbeat_at >= now() - make_interval(secs => ?1)")
                        .setParameter(1, 3 * heartbeat).getSingleResult();
            });
            int now = Math.max(1, counted.intValue());
            int before = alive.getAndSet(now);
            if (before != now) {
                LOG.infof("Gateway processes alive: %d (were %d)", now, before);
            }
        } catch (RuntimeException e) {
            // the count stays as it was last known; the database being away is reported elsewhere
            LOG.debugf(e, "The replica heartbeat could not be recorded");
        }
    }

    /** A process that stops says so, so the others count without it at once. */
    void stop(@Observes ShutdownEvent event) {
        try {
            QuarkusTransaction.requiringNew().run(() -> entityManager
                    .createNativeQuery("delete from replica where name = ?1").setParameter(1, name).executeUpdate());
        } catch (RuntimeException e) {
            LOG.debugf(e, "The replica record could not be removed; it lapses after three heartbeats");
        }
    }
}
