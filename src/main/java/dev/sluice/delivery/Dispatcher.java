package dev.sluice.delivery;

import dev.sluice.domain.Command;
import dev.sluice.erp.ErpBackend;
import dev.sluice.erp.ErpUnavailableException;
import dev.sluice.erp.routing.ErpRouting;
import dev.sluice.platform.ThisProcess;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The delivery workers of this process: each claims due outbox parts ({@link OutboxLeases}),
 * waits for the backend's allowance ({@link AllowanceGate}), runs a deferred validation where the
 * operation has one, makes the attempt ({@link ErpAttempt}) and records what became of it
 * ({@link Settlement}). Idle workers poll, and wake at once when a write is accepted.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final DeliveryConfig config;
    private final ErpRouting routing;
    private final CommandCodec codec;
    private final OutboxLeases leases;
    private final AllowanceGate gate;
    private final ErpAttempt attempt;
    private final Settlement settlement;
    private final DeferredValidation deferredValidation;
    private final Clock clock = Clock.systemUTC();
    /** This process, as lineage names it: host and process id. */
    private final String instance = ThisProcess.name();
    private final Object signal = new Object();
    private final AtomicInteger wakeups = new AtomicInteger();
    private volatile boolean running;
    private ExecutorService workers;

    Dispatcher(DeliveryConfig config, ErpRouting routing, CommandCodec codec, OutboxLeases leases, AllowanceGate gate,
            ErpAttempt attempt, Settlement settlement, DeferredValidation deferredValidation) {
        this.config = config;
        this.routing = routing;
        this.codec = codec;
        this.leases = leases;
        this.gate = gate;
        this.attempt = attempt;
        this.settlement = settlement;
        this.deferredValidation = deferredValidation;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Delivery is switched off in this process (sluice.delivery.enabled=false)");
            return;
        }
        Duration callTimeout = routing.longestPostTimeout();
        if (config.lease().compareTo(callTimeout) <= 0) {
            throw new IllegalStateException("sluice.delivery.lease (" + config.lease() + ") must be longer than the "
                    + "longest ERP delivery timeout (" + callTimeout + ": guard.post-timeout of a backend in "
                    + "policies/routing.yaml): a lease that runs out during a call lets another process deliver the "
                    + "same contract at the same time");
        }
        running = true;
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newFixedThreadPool(config.workers(), r -> {
            Thread thread = new Thread(r, "sluice-delivery-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < config.workers(); i++) {
            String owner = instance + "-" + (i + 1);
            workers.submit(() -> work(owner));
        }
    }

    /**
     * Stops on shutdown: no worker claims more; each finishes the call it is in (within the
     * longest delivery timeout) and settles it, and hands the rest of its claims back at once, so
     * another process takes them over without waiting for the leases to run out.
     */
    void stop(@Observes ShutdownEvent event) {
        running = false;
        wake();
        if (workers != null) {
            workers.shutdown();
            try {
                Duration inFlight = routing.longestPostTimeout().plusSeconds(2);
                if (!workers.awaitTermination(inFlight.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warnf("A delivery still waits for its ERP after %s; its lease runs out and another process"
                            + " takes it over", inFlight);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Tells idle workers that there is new work, so it does not wait for the next poll. */
    public void wake() {
        wakeups.incrementAndGet();
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void work(String owner) {
        while (running) {
            int seen = wakeups.get();
            try {
                List<Claim> claims = leases.claim(owner);
                for (int i = 0; i < claims.size(); i++) {
                    if (!running) {
                        leases.handBack(claims.subList(i, claims.size()));
                        return;
                    }
                    Claim claim = claims.get(i);
                    gate.pass(claim, () -> running, () -> deliver(claim));
                }
                if (claims.isEmpty()) {
                    idle(seen);
                }
            } catch (RuntimeException e) {
                LOG.error("Delivery worker failed; it carries on after a pause", e);
                idle(seen);
            }
        }
    }

    private void idle(int seen) {
        synchronized (signal) {
            if (running && wakeups.get() == seen) {
                try {
                    signal.wait(config.pollInterval().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
    }

    private void deliver(Claim claim) {
        OffsetDateTime started = OffsetDateTime.now(clock);
        Optional<OperationRow> leased = settlement.start(claim);
        if (leased.isEmpty()) {
            return;
        }
        OperationRow operation = leased.get();
        Optional<ErpBackend> routed = routing.backend(claim.backend());
        if (routed.isEmpty()) {
            settlement.settle(claim, started, AttemptResult.Failed.hopeless("NOT_ROUTED", "the ERP backend "
                    + claim.backend() + " is no longer in the routing; route it again and replay, or discard"));
            return;
        }
        if (DeferredValidation.pending(operation) && !validated(claim, started, operation)) {
            return;
        }
        Command command = codec.read(operation.type, claim.command());
        settlement.settle(claim, started, attempt.post(routed.get(), claim, operation, command));
    }

    /**
     * Runs the deferred validation of an operation accepted while the ERP could not answer; true
     * when the part may be delivered. A failed validation ends the operation (its parts are gone);
     * a check the ERP still cannot answer counts as an attempt the ERP could not answer.
     */
    private boolean validated(Claim claim, OffsetDateTime started, OperationRow operation) {
        DeferredValidation.Decision decision;
        try {
            decision = deferredValidation.decide(operation);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Deferred validation of operation %s failed unexpectedly", operation.id);
            settlement.settle(claim, started,
                    AttemptResult.Failed.retry("UNEXPECTED", "the deferred validation failed unexpectedly"));
            return false;
        }
        if (decision instanceof DeferredValidation.Decision.Undecided undecided) {
            settlement.settle(claim, started,
                    AttemptResult.Failed.retry(ErpUnavailableException.Cause.UNREACHABLE.name(), undecided.reason()));
            return false;
        }
        if (decision instanceof DeferredValidation.Decision.Failed) {
            settlement.ended(claim);
            return false;
        }
        return true;
    }
}
