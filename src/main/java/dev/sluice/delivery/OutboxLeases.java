package dev.sluice.delivery;

import dev.sluice.erp.routing.ErpRouting;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Leases on outbox parts, so any number of processes can deliver from one database. Only the
 * oldest part of each aggregate can be claimed, a claim is a lease taken with
 * {@code FOR UPDATE SKIP LOCKED}, and the next part of that aggregate becomes claimable only once
 * the head is done: one contract's writes reach the ERP in acceptance order, different contracts
 * go in parallel. A lease that runs out lets another process take the part over; only the
 * holder of the lease settles it.
 */
@ApplicationScoped
class OutboxLeases {

    private static final Logger LOG = Logger.getLogger(OutboxLeases.class);

    private final DeliveryConfig config;
    private final ErpRouting routing;
    private final EntityManager entityManager;
    private final Clock clock = Clock.systemUTC();

    OutboxLeases(DeliveryConfig config, ErpRouting routing, EntityManager entityManager) {
        this.config = config;
        this.routing = routing;
        this.entityManager = entityManager;
    }

    /** Claims up to a batch of the heads of their aggregates that are due, oldest first, for {@code owner}. */
    @SuppressWarnings("unchecked")
    List<Claim> claim(String owner) {
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
     * Renews the lease for the call about to be made, in the caller's transaction; false when the
     * lease ran out while earlier claims of the batch were delivered and another process took the
     * part over.
     */
    boolean renew(Claim claim) {
        return entityManager.createNativeQuery("""
                update outbox set lease_until = now() + make_interval(secs => ?1)
                where id = ?2 and lease_owner = ?3""")
                .setParameter(1, (double) config.lease().toSeconds())
                .setParameter(2, claim.id())
                .setParameter(3, claim.owner())
                .executeUpdate() > 0;
    }

    /**
     * The claimed part, locked, while its worker still holds the lease; empty when the lease ran
     * out and another process took the part over (or already delivered it). The ERP recognises
     * the operation's reference on redelivery, so the holder of the lease settles it, and only it.
     */
    Optional<OutboxRow> stillOurs(Claim claim) {
        OutboxRow row = OutboxRow.findById(claim.id(), LockModeType.PESSIMISTIC_WRITE);
        if (row == null || !claim.owner().equals(row.leaseOwner)) {
            LOG.warnf("Delivery of operation %s part %s outlived its lease; the process holding it now settles it",
                    claim.operationId(), claim.part());
            return Optional.empty();
        }
        return Optional.of(row);
    }

    /** Gives the leases of claims not started back, in one transaction of their own: the parts are due again at once. */
    void handBack(List<Claim> claims) {
        if (!claims.isEmpty()) {
            OffsetDateTime now = OffsetDateTime.now(clock);
            QuarkusTransaction.requiringNew().run(() -> claims.forEach(claim -> release(claim, now)));
        }
    }

    /** Gives the lease back, in a transaction of its own, and makes the part due again after {@code wait}; no attempt counts. */
    void putBack(Claim claim, Duration wait) {
        QuarkusTransaction.requiringNew().run(() -> release(claim, OffsetDateTime.now(clock).plus(wait)));
    }

    /** Frees the part for any worker from {@code dueAt}, if this claim still holds it. */
    private void release(Claim claim, OffsetDateTime dueAt) {
        OutboxRow.update("availableAt = ?1, leaseOwner = null, leaseUntil = null where id = ?2 and leaseOwner = ?3",
                dueAt, claim.id(), claim.owner());
    }
}
