package dev.sluice.delivery;

import dev.sluice.erp.routing.ErpRouting;
import dev.sluice.platform.SqlValues;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What waits for each ERP backend, and for each legal entity within it, across every gateway
 * process: the operations not yet delivered, the oldest one, those accepted with validation
 * deferred, and the dead letters. An operation whose parts go to several backends or legal
 * entities counts once in each.
 */
@ApplicationScoped
public class DeliveryQueue {

    /** Counts of operations. {@code oldestAcceptedAt} is null when none waits. */
    public record Counts(long waiting, OffsetDateTime oldestAcceptedAt, long deferredValidation, long deadLettered) {

        static final Counts NONE = new Counts(0, null, 0, 0);
    }

    /** One legal entity's queue at one backend; {@code legalEntity} is null for parts accepted before it was recorded. */
    public record LegalEntityQueue(String legalEntity, Counts counts) {
    }

    /** One backend's queue, in total and per legal entity. */
    public record BackendQueue(String backend, Counts total, List<LegalEntityQueue> legalEntities) {

        public BackendQueue {
            legalEntities = List.copyOf(legalEntities);
        }
    }

    private final EntityManager entityManager;
    private final ErpRouting routing;

    DeliveryQueue(EntityManager entityManager, ErpRouting routing) {
        this.entityManager = entityManager;
        this.routing = routing;
    }

    /** Every routed backend's queue as of now, the default backend first, and any backend no longer routed after. */
    @SuppressWarnings("unchecked")
    public List<BackendQueue> now() {
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                select backend, legal_entity, grouping(legal_entity),
                       count(distinct operation_id) filter (where not dead),
                       min(accepted_at) filter (where not dead),
                       count(distinct operation_id) filter (where not dead and deferred),
                       count(distinct operation_id) filter (where dead)
                from (select coalesce(o.backend, ?1) as backend, o.legal_entity, o.operation_id, op.accepted_at,
                             o.dead_lettered_at is not null as dead,
                             op.validation_deferred and op.validated_at is null as deferred
                      from outbox o join operation op on op.id = o.operation_id) parts
                group by grouping sets ((backend), (backend, legal_entity))
                order by 1, 2""")
                .setParameter(1, routing.defaultBackend().name())
                .getResultList());
        Map<String, Counts> totals = new LinkedHashMap<>();
        Map<String, List<LegalEntityQueue>> entities = new LinkedHashMap<>();
        routing.backends().forEach(b -> {
            totals.put(b.name(), Counts.NONE);
            entities.put(b.name(), new ArrayList<>());
        });
        for (Object[] r : rows) {
            String backend = (String) r[0];
            Counts counts = new Counts(((Number) r[3]).longValue(), SqlValues.offsetDateTime(r[4]),
                    ((Number) r[5]).longValue(), ((Number) r[6]).longValue());
            if (((Number) r[2]).intValue() == 1) {
                totals.put(backend, counts);
            } else {
                entities.computeIfAbsent(backend, k -> new ArrayList<>()).add(new LegalEntityQueue((String) r[1], counts));
            }
        }
        return totals.entrySet().stream()
                .map(e -> new BackendQueue(e.getKey(), e.getValue(), entities.getOrDefault(e.getKey(), List.of())))
                .toList();
    }
}
