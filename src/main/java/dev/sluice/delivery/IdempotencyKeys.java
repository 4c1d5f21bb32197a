package dev.sluice.delivery;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Idempotency-Keys (IETF httpapi draft), per client. A key is claimed before its request is
 * validated and answered when the write is accepted; a repeat with the same fingerprint gets the
 * stored answer, one with another fingerprint is refused, one while the first is still being
 * accepted is told so. Refused requests release their key. Keys expire after the retention.
 */
@ApplicationScoped
public class IdempotencyKeys {

    private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class);
    static final String CLAIMED = "CLAIMED";
    static final String ANSWERED = "ANSWERED";

    /** The answer given when a key was first used. */
    public record StoredAnswer(UUID operationId, int status, String body) {
    }

    /** What a key says about a request. */
    public sealed interface Claim {
        /** The key is this request's now; answer it with {@link #answer} or give it back with {@link #release}. */
        record Granted(String clientId, String key) implements Claim {
        }

        record Repeated(StoredAnswer answer) implements Claim {
        }

        record Reused() implements Claim {
        }

        record InProgress() implements Claim {
        }
    }

    private final EntityManager entityManager;
    private final IdempotencyConfig config;

    IdempotencyKeys(EntityManager entityManager, IdempotencyConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    public Claim claim(String clientId, String key, String fingerprint) {
        return QuarkusTransaction.requiringNew().call(() -> {
            OffsetDateTime now = now();
            int inserted = entityManager.createNativeQuery("""
                    insert into idempotency_record (client_id, idempotency_key, fingerprint, state, claimed_at,
                        created_at, expires_at)
                    values (?1, ?2, ?3, 'CLAIMED', ?4, ?4, ?5)
                    on conflict (client_id, idempotency_key) do nothing""")
                    .setParameter(1, clientId).setParameter(2, key).setParameter(3, fingerprint)
                    .setParameter(4, now).setParameter(5, now.plus(config.retention()))
                    .executeUpdate();
            if (inserted == 1) {
                return new Claim.Granted(clientId, key);
            }
            // a plain read: the first request may hold the row while it is being accepted
            IdempotencyRow row = entityManager.find(IdempotencyRow.class, IdempotencyRow.key(clientId, key));
            if (row == null) {
                // expired and purged between the insert and the read; the next attempt claims it
                return new Claim.InProgress();
            }
            if (!row.fingerprint.equals(fingerprint)) {
                return new Claim.Reused();
            }
            if (ANSWERED.equals(row.state)) {
                return new Claim.Repeated(new StoredAnswer(row.operationId, row.responseStatus, row.responseBody));
            }
            OffsetDateTime stale = now.minus(config.claimTimeout());
            if (row.claimedAt.isAfter(stale)) {
                return new Claim.InProgress();
            }
            // the process that claimed it stopped before answering: take the key over, unless its
            // request is alive after all and holds the row
            int taken = entityManager.createNativeQuery("""
                    update idempotency_record set claimed_at = ?1
                    where (client_id, idempotency_key) in (
                        select client_id, idempotency_key from idempotency_record
                        where client_id = ?2 and idempotency_key = ?3 and state = 'CLAIMED' and claimed_at < ?4
                        for update skip locked)""")
                    .setParameter(1, now).setParameter(2, clientId).setParameter(3, key).setParameter(4, stale)
                    .executeUpdate();
            return taken == 1 ? new Claim.Granted(clientId, key) : new Claim.InProgress();
        });
    }

    /** Stores the answer; call in the transaction that accepts the write. */
    void answer(Claim.Granted claim, UUID operationId, int status, String body) {
        int answered = IdempotencyRow.update("state = ?1, operationId = ?2, responseStatus = ?3, responseBody = ?4 "
                + "where clientId = ?5 and idempotencyKey = ?6 and state = ?7", ANSWERED, operationId, status, body,
                claim.clientId(), claim.key(), CLAIMED);
        if (answered != 1) {
            throw new IllegalStateException("Idempotency-Key " + claim.key() + " is no longer claimed by this request");
        }
    }

    /** Replaces a stored answer, e.g. with the 201 a caller got after waiting for the ERP. */
    public void reanswer(Claim.Granted claim, int status, String body) {
        QuarkusTransaction.requiringNew().run(() -> IdempotencyRow.update(
                "responseStatus = ?1, responseBody = ?2 where clientId = ?3 and idempotencyKey = ?4",
                status, body, claim.clientId(), claim.key()));
    }

    /** Gives a key back when its request was not accepted, so it can be used again. */
    public void release(Claim.Granted claim) {
        QuarkusTransaction.requiringNew().run(() -> IdempotencyRow.delete(
                "clientId = ?1 and idempotencyKey = ?2 and state = ?3", claim.clientId(), claim.key(), CLAIMED));
    }

    /** Forgets expired keys. */
    @Scheduled(every = "${sluice.idempotency.purge-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void purge() {
        long purged = QuarkusTransaction.requiringNew().call(() -> IdempotencyRow.delete("expiresAt < ?1", now()));
        if (purged > 0) {
            LOG.infof("Purged %d expired Idempotency-Keys", purged);
        }
    }

    Optional<IdempotencyRow> find(String clientId, String key) {
        return QuarkusTransaction.requiringNew().call(() ->
                IdempotencyRow.<IdempotencyRow>findByIdOptional(IdempotencyRow.key(clientId, key)));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
