package dev.sluice.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Writes of one aggregate are accepted one transaction at a time, across every process. A part's
 * place in its aggregate's delivery order is its outbox id, given when the row is inserted, while
 * the order that counts is the order the writes commit in: two processes accepting writes of one
 * contract at once could number them in one order and commit them in the other, and the part
 * numbered first but committed second would then be delivered after the other, or while it is
 * being delivered. So an acceptance takes a transaction-scoped advisory lock for each aggregate it
 * writes to before it inserts anything, and the next acceptance of that aggregate is numbered
 * only once it commits. The locks are taken in one order, so two acceptances never wait on each
 * other, and before the audit chain's, which is held until the commit as well.
 */
@ApplicationScoped
class AggregateLocks {

    /** The first key of every aggregate's lock: the two-key space, apart from the audit chain's single key. */
    static final int SPACE = 0x534c5543;

    private final EntityManager entityManager;

    AggregateLocks(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The second key of an aggregate's lock (two aggregates may share one: they are then accepted in turn). */
    static int key(String aggregateKey) {
        return aggregateKey.hashCode();
    }

    /** Takes the locks of the aggregates, in the caller's transaction, until it ends; waits while another holds one. */
    @Transactional(Transactional.TxType.MANDATORY)
    void lock(Collection<String> aggregateKeys) {
        String keys = aggregateKeys.stream().mapToInt(AggregateLocks::key).distinct().sorted()
                .mapToObj(Integer::toString).collect(Collectors.joining(","));
        // unnest yields the keys in the array's order, and each lock is taken as its row is read
        entityManager.createNativeQuery("select count(pg_advisory_xact_lock(?1, k))"
                        + " from unnest(cast(string_to_array(?2, ',') as integer[])) as k")
                .setParameter(1, SPACE).setParameter(2, keys).getSingleResult();
    }
}
