package dev.sluice.delivery;

import dev.sluice.domain.ApproveTime;
import dev.sluice.domain.Command;
import dev.sluice.domain.ErpReference;
import dev.sluice.domain.OperationProblem;
import dev.sluice.domain.OperationStatus;
import dev.sluice.domain.TimeEntry;
import dev.sluice.domain.Violation;
import dev.sluice.erp.Delivery;
import dev.sluice.erp.ErpBackend;
import dev.sluice.erp.ErpUnavailableException;
import dev.sluice.erp.PostingOutcome;
import dev.sluice.erp.ErpAccessDeniedException;
import dev.sluice.erp.routing.ErpRouting;
import dev.sluice.governance.ratelimit.ErpAllowance;
import dev.sluice.masterdata.DocumentView;
import dev.sluice.platform.Json;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Delivers outbox rows to the ERP. Any number of processes may run it against one database:
 * only the oldest row of each aggregate can be claimed, a claim is a lease taken with
 * {@code FOR UPDATE SKIP LOCKED}, and the next row of that aggregate becomes claimable only
 * once the head is done. So one contract's writes reach the ERP in acceptance order, and
 * different contracts go in parallel.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final DeliveryConfig config;
    private final GiveUp giveUp;
    private final ErpRouting routing;
    private final CommandCodec codec;
    private final Operations operations;
    private final LineageLog lineage;
    private final OperationWaiter waiter;
    private final EntityManager entityManager;
    private final Json json;
    private final DeliveryMetrics metrics;
    private final DeliveryTracing tracing;
    private final ErpAllowance allowance;
    private final DeferredValidation deferredValidation;
    private final DocumentView documents;
    private final Clock clock = Clock.systemUTC();
    /** This process, as lineage names it: host and process id. */
    private final String instance = ThisProcess.name();
    private final Object signal = new Object();
    private final AtomicInteger wakeups = new AtomicInteger();
    private volatile boolean running;
    private ExecutorService workers;

    Dispatcher(DeliveryConfig config, ErpRouting routing, CommandCodec codec, Operations operations,
            LineageLog lineage, OperationWaiter waiter, EntityManager entityManager, Json json,
            DeliveryMetrics metrics, DeliveryTracing tracing, ErpAllowance allowance,
            DeferredValidation deferredValidation, DocumentView documents) {
        this.deferredValidation = deferredValidation;
        this.documents = documents;
        this.config = config;
        this.giveUp = GiveUp.of(config);
        this.routing = routing;
        this.codec = codec;
        this.operations = operations;
        this.lineage = lineage;
        this.waiter = waiter;
        this.entityManager = entityManager;
        this.json = json;
        this.metrics = metrics;
        this.tracing = tracing;
        this.allowance = allowance;
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

    void stop(@Observes ShutdownEvent event) {
        running = false;
        wake();
        if (workers != null) {
            workers.shutdown();
            try {
                workers.awaitTermination(10, TimeUnit.SECONDS);
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
                List<Claim> claims = claim(owner);
                for (Claim claim : claims) {
                    if (!running) {
                        return;
                    }
                    deliver(claim);
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

    /** A claimed outbox row, and the worker that claimed it. */
    private record Claim(long id, UUID operationId, String part, int attempts, String command, String owner,
            String backend) {
    }

    @SuppressWarnings("unchecked")
    private List<Claim> claim(String owner) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Object[]> rows = entityManager.createNativeQuery("""
                    update outbox set lease_owner = ?1, lease_until = now() + make_interval(secs => ?2)
                    where id in (
                        select o.id from outbox o
                        where o.available_at <= now()
                          and o.dead_lettered_at is null
                          and (o.lease_until is null or o.lease_until < now())
                          and o.id = (select min(p.id) from outbox p where p.aggregate_key = o.aggregate_key)
                        order by o.id
                        limit ?3
                        for update skip locked)
                    returning id, operation_id, part, attempts, cast(command as text), backend""")
                    .setParameter(1, owner)
                    .setParameter(2, (double) config.lease().toSeconds())
                    .setParameter(3, config.batchSize())
                    .getResultList();
            return rows.stream()
                    .map(r -> new Claim(((Number) r[0]).longValue(), (UUID) r[1], (String) r[2],
                            ((Number) r[3]).intValue(), (String) r[4], owner,
                            r[5] == null ? routing.defaultBackend().name() : (String) r[5]))
                    .sorted((a, b) -> Long.compare(a.id(), b.id()))
                    .toList();
        });
    }

    /**
     * Delivers a claim once the ERP's allowance permits a call: a short wait is waited out here, a
     * longer one (the backend's own Retry-After, say) puts the claim back until then, counting no
     * attempt.
     */
    private void deliver(Claim claim) {
        ErpAllowance.Permit permit = allowance.acquire(claim.backend());
        long waited = 0;
        while (!permit.granted() && permit.waitMillis() <= 1000 && waited < 2000 && running) {
            pause(permit.waitMillis());
            waited += permit.waitMillis();
            permit = allowance.acquire(claim.backend());
        }
        if (!permit.granted()) {
            // looked at again within a second at the latest, so a raised limit applies soon
            Duration wait = Duration.ofMillis(Math.min(1000, Math.max(permit.waitMillis(), 20)));
            QuarkusTransaction.requiringNew().run(() -> defer(claim, wait));
            return;
        }
        try {
            deliverNow(claim);
        } finally {
            allowance.release(claim.backend(), permit);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliverNow(Claim claim) {
        OffsetDateTime started = OffsetDateTime.now(clock);
        OperationRow operation = QuarkusTransaction.requiringNew().call(() -> startDelivering(claim, started));
        if (operation == null) {
            return;
        }
        Optional<ErpBackend> routed = routing.backend(claim.backend());
        if (routed.isEmpty()) {
            settle(() -> retryOrGiveUp(claim, started, "NOT_ROUTED", "the ERP backend " + claim.backend()
                    + " is no longer in the routing; route it again and replay, or discard", null, true), claim);
            return;
        }
        if (DeferredValidation.pending(operation) && !validated(claim, started, operation)) {
            return;
        }
        ErpBackend erp = routed.get();
        Command command = codec.read(operation.type, claim.command());
        PostingOutcome outcome;
        try {
            outcome = tracing.post(claim.backend(), operation.id, claim.part(), claim.attempts() + 1,
                    operation.traceparent, traceparent -> erp.post(new Delivery(operation.id, claim.part(), command,
                            operation.correlationId, traceparent)));
        } catch (ErpAccessDeniedException e) {
            // no attempt will fare better until an operator fixes the backend's credentials
            settle(() -> retryOrGiveUp(claim, started, "ACCESS_DENIED", e.getMessage(), null, true), claim);
            return;
        } catch (ErpUnavailableException e) {
            if (e.kind() == ErpUnavailableException.Cause.CIRCUIT_OPEN) {
                // not an attempt: the ERP was not called; the part waits for the circuit to let a trial through
                QuarkusTransaction.requiringNew().run(() -> defer(claim, circuitDelay()));
                return;
            }
            // the ERP's own throttling slows every process's drain, not just this worker's
            e.retryAfter().filter(after -> e.kind() == ErpUnavailableException.Cause.THROTTLED)
                    .ifPresent(after -> allowance.pause(claim.backend(), after));
            settle(() -> retryOrGiveUp(claim, started, e.kind().name(), e.getMessage(),
                    e.retryAfter().orElse(null), false), claim);
            return;
        } catch (RuntimeException e) {
            LOG.errorf(e, "Backend %s failed on operation %s", claim.backend(), operation.id);
            settle(() -> retryOrGiveUp(claim, started, "UNEXPECTED", "the ERP backend failed unexpectedly", null, false),
                    claim);
            return;
        }
        settle(() -> complete(claim, started, outcome), claim);
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
            settle(() -> retryOrGiveUp(claim, started, "UNEXPECTED", "the deferred validation failed unexpectedly",
                    null, false), claim);
            return false;
        }
        if (decision instanceof DeferredValidation.Decision.Undecided undecided) {
            settle(() -> retryOrGiveUp(claim, started, ErpUnavailableException.Cause.UNREACHABLE.name(),
                    undecided.reason(), null, false), claim);
            return false;
        }
        if (decision instanceof DeferredValidation.Decision.Failed) {
            waiter.finished(claim.operationId());
            return false;
        }
        return true;
    }

    /** Runs one settling transaction; wakes the operation's waiters once it committed a final state. */
    private void settle(Callable<Boolean> step, Claim claim) {
        if (QuarkusTransaction.requiringNew().call(step)) {
            waiter.finished(claim.operationId());
        }
    }

    /**
     * Renews the lease for the call about to be made and marks the operation DELIVERING; null when
     * the lease ran out while earlier claims of the batch were delivered and another process took
     * the row over.
     */
    private OperationRow startDelivering(Claim claim, OffsetDateTime now) {
        int renewed = entityManager.createNativeQuery("""
                update outbox set lease_until = now() + make_interval(secs => ?1)
                where id = ?2 and lease_owner = ?3""")
                .setParameter(1, (double) config.lease().toSeconds())
                .setParameter(2, claim.id())
                .setParameter(3, claim.owner())
                .executeUpdate();
        if (renewed == 0) {
            return null;
        }
        OperationRow operation = entityManager.find(OperationRow.class, claim.operationId(), LockModeType.PESSIMISTIC_WRITE);
        if (operation.status == OperationStatus.ACCEPTED) {
            operation.status = OperationStatus.DELIVERING;
            operation.updatedAt = now;
        }
        return operation;
    }

    /** Records an attempt: the DELIVERING step as of when it started, and the attempt count. */
    private OperationRow attempted(Claim claim, OffsetDateTime started) {
        OperationRow operation = entityManager.find(OperationRow.class, claim.operationId(), LockModeType.PESSIMISTIC_WRITE);
        operation.attempts++;
        operation.updatedAt = OffsetDateTime.now(clock);
        lineage.record(operation, LineageLog.Step.DELIVERING, "attempt " + (claim.attempts() + 1)
                + " of part " + claim.part() + " to " + claim.backend(), List.of(), started, claim.owner(), List.of());
        return operation;
    }

    /**
     * The claimed row, locked, while this worker still holds its lease; empty when the lease ran
     * out and another process took the row over (or already delivered it). The ERP recognises the
     * operation's reference on redelivery, so the owner of the lease settles it, and only it.
     */
    private Optional<OutboxRow> stillOurs(Claim claim) {
        OutboxRow row = OutboxRow.findById(claim.id(), LockModeType.PESSIMISTIC_WRITE);
        if (row == null || !claim.owner().equals(row.leaseOwner)) {
            LOG.warnf("Delivery of operation %s part %s outlived its lease; the process holding it now settles it",
                    claim.operationId(), claim.part());
            return Optional.empty();
        }
        return Optional.of(row);
    }

    private void defer(Claim claim, Duration wait) {
        if (stillOurs(claim).isEmpty()) {
            return;
        }
        OutboxRow.update("availableAt = ?1, leaseOwner = null, leaseUntil = null where id = ?2",
                OffsetDateTime.now(clock).plus(wait), claim.id());
    }

    /** Records the ERP's answer; true when the operation reached a final state. */
    private boolean complete(Claim claim, OffsetDateTime started, PostingOutcome outcome) {
        if (stillOurs(claim).isEmpty()) {
            return false;
        }
        OperationRow operation = attempted(claim, started);
        OffsetDateTime now = OffsetDateTime.now(clock);
        OutboxRow.deleteById(claim.id());
        if (outcome instanceof PostingOutcome.Posted posted) {
            metrics.attempt(claim.backend(), "POSTED");
            List<ErpReference> references = new ArrayList<>(operations.references(operation.erpReferences));
            references.addAll(posted.references());
            operation.erpReferences = json.write(references);
            boolean lastPart = OutboxRow.count("operationId", operation.id) == 0;
            if (lastPart && !operation.status.isFinal()) {
                operation.status = OperationStatus.POSTED;
                operation.postedAt = now;
                metrics.finished(operation.type, operation.status, operation.acceptedAt, now);
            }
            lineage.record(operation, LineageLog.Step.POSTED, "part " + claim.part() + " posted to " + claim.backend(),
                    posted.references(), now, claim.owner(), posted.effects());
            documents.posted(codec.read(operation.type, claim.command()), posted.references(), claim.backend(), now);
            return lastPart;
        }
        metrics.attempt(claim.backend(), "REFUSED");
        PostingOutcome.Refused refused = (PostingOutcome.Refused) outcome;
        List<Violation> violations = inWholeRequest(operation, claim, refused.violations());
        if (operation.status != OperationStatus.FAILED) {
            metrics.finished(operation.type, OperationStatus.FAILED, operation.acceptedAt, now);
        }
        operation.status = OperationStatus.FAILED;
        operation.problem = json.write(new OperationProblem(OperationProblem.Reason.ERP_REFUSED, refused.reason(),
                violations));
        lineage.record(operation, LineageLog.Step.FAILED, refused.reason(), List.of(), now);
        return true;
    }

    /**
     * Schedules the next attempt, or, when the part is given up ({@link GiveUp}: it has failed for
     * {@code sluice.delivery.give-up-after}, or is hopeless), parks it as a dead letter that holds
     * its aggregate; true when the operation reached a final state.
     */
    private boolean retryOrGiveUp(Claim claim, OffsetDateTime started, String errorCode, String reason,
            Duration retryAfter, boolean hopeless) {
        Optional<OutboxRow> ours = stillOurs(claim);
        if (ours.isEmpty()) {
            return false;
        }
        OutboxRow row = ours.get();
        OperationRow operation = attempted(claim, started);
        OffsetDateTime now = OffsetDateTime.now(clock);
        int attempts = claim.attempts() + 1;
        metrics.attempt(claim.backend(), errorCode);
        row.attempts = attempts;
        row.errorCode = errorCode;
        row.lastError = truncate(reason);
        row.leaseOwner = null;
        row.leaseUntil = null;
        if (row.firstFailedAt == null) {
            row.firstFailedAt = started;
        }
        if (hopeless || giveUp.after(attempts, row.firstFailedAt, now)) {
            row.deadLetteredAt = now;
            if (operation.status != OperationStatus.FAILED) {
                operation.status = OperationStatus.DEAD_LETTERED;
                metrics.finished(operation.type, operation.status, operation.acceptedAt, now);
                operation.problem = json.write(new OperationProblem(OperationProblem.Reason.DELIVERY_EXHAUSTED,
                        hopeless ? reason : giveUp.reason(attempts, row.firstFailedAt, now, reason), List.of()));
            }
            lineage.record(operation, LineageLog.Step.DEAD_LETTERED, reason, List.of(), now);
            return true;
        }
        Duration wait = backoff(attempts);
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter;
        }
        row.availableAt = now.plus(wait);
        lineage.record(operation, LineageLog.Step.RETRY_SCHEDULED, reason + "; next attempt in "
                + wait.toMillis() + " ms", List.of(), now);
        return false;
    }

    private Duration circuitDelay() {
        return Duration.ofSeconds(2);
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 1997) + "...";
    }

    /** Exponential back-off from the initial wait, capped, with jitter over the upper half. */
    Duration backoff(int attempts) {
        long initial = config.initialBackoff().toMillis();
        long cap = config.maxBackoff().toMillis();
        long exponential = attempts >= 31 ? cap : Math.min(cap, initial * (1L << (attempts - 1)));
        long jittered = exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
        return Duration.ofMillis(jittered);
    }

    /**
     * A refusal of one part of a time batch points into that part's entries; the caller sent the
     * whole batch, so point into that instead.
     */
    private List<Violation> inWholeRequest(OperationRow operation, Claim claim, List<Violation> violations) {
        Command whole = codec.read(operation.type, operation.command);
        if (!(whole instanceof ApproveTime batch)) {
            return violations;
        }
        List<TimeEntry> part = ((ApproveTime) codec.read(operation.type, claim.command())).entries();
        return violations.stream().map(v -> {
            if (!v.pointer().startsWith("/entries/")) {
                return v;
            }
            String rest = v.pointer().substring("/entries/".length());
            int slash = rest.indexOf('/');
            int index = Integer.parseInt(slash < 0 ? rest : rest.substring(0, slash));
            int original = batch.entries().indexOf(part.get(index));
            return new Violation("/entries/" + original + (slash < 0 ? "" : rest.substring(slash)), v.code(),
                    v.detail());
        }).toList();
    }
}
