package dev.sluice.delivery;

import dev.sluice.domain.OperationProblem;
import dev.sluice.domain.OperationStatus;
import dev.sluice.domain.OperationType;
import dev.sluice.platform.SqlValues;
import dev.sluice.platform.Json;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Parts whose delivery attempts were exhausted. They stay in the outbox where they were accepted,
 * holding their contract, until an operator replays them (they go again, first in their
 * contract's line) or discards them (the operation ends FAILED and the contract moves on).
 */
@ApplicationScoped
public class DeadLetters {

    /** One dead letter, as operators see it. */
    public record DeadLetter(long outboxId, UUID operationId, OperationType type, String clientId,
            String correlationId, String contractNumber, String part, int attempts, String errorCode,
            String lastError, OffsetDateTime acceptedAt, OffsetDateTime deadLetteredAt, String backend) {
    }

    /** Which dead letters; null members do not filter. */
    public record Filter(String clientId, OperationType type, String contractNumber, String errorCode,
            OffsetDateTime before) {
    }

    private final EntityManager entityManager;
    private final LineageLog lineage;
    private final Dispatcher dispatcher;
    private final DeliveryMetrics metrics;
    private final Json json;

    DeadLetters(EntityManager entityManager, LineageLog lineage, Dispatcher dispatcher, DeliveryMetrics metrics,
            Json json) {
        this.entityManager = entityManager;
        this.lineage = lineage;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.json = json;
    }

    public List<DeadLetter> find(Filter filter, Long afterOutboxId, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Object> parameters = new LinkedHashMap<>();
            String where = where(filter, parameters) + " and o.id > :after";
            parameters.put("after", afterOutboxId == null ? 0L : afterOutboxId);
            Query query = entityManager.createNativeQuery("""
                    select o.id, o.operation_id, op.type, op.client_id, op.correlation_id, o.aggregate_key, o.part,
                           o.attempts, o.error_code, o.last_error, op.accepted_at, o.dead_lettered_at, o.backend
                    from outbox o join operation op on op.id = o.operation_id
                    """ + where + " order by o.id limit :limit");
            parameters.forEach(query::setParameter);
            query.setParameter("limit", limit);
            List<DeadLetter> found = new ArrayList<>();
            for (Object row : query.getResultList()) {
                Object[] r = (Object[]) row;
                found.add(new DeadLetter(((Number) r[0]).longValue(), (UUID) r[1], OperationType.valueOf((String) r[2]),
                        (String) r[3], (String) r[4], ((String) r[5]).substring("contract:".length()), (String) r[6],
                        ((Number) r[7]).intValue(), (String) r[8], (String) r[9], SqlValues.offsetDateTime(r[10]),
                        SqlValues.offsetDateTime(r[11]), (String) r[12]));
            }
            return found;
        });
    }

    /** Replays every dead letter the filter selects; answers the operations put back. */
    public List<UUID> replay(Filter filter) {
        List<UUID> operations = QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Object> parameters = new LinkedHashMap<>();
            Query query = entityManager.createNativeQuery("""
                    select distinct o.operation_id from outbox o join operation op on op.id = o.operation_id
                    """ + where(filter, parameters));
            parameters.forEach(query::setParameter);
            List<UUID> ids = new ArrayList<>();
            for (Object id : query.getResultList()) {
                ids.add((UUID) id);
            }
            return ids;
        });
        return operations.stream().filter(this::replay).toList();
    }

    /** Puts an operation's dead letters back for delivery; false when it has none. */
    public boolean replay(UUID operationId) {
        boolean replayed = QuarkusTransaction.requiringNew().call(() -> {
            OperationRow operation = entityManager.find(OperationRow.class, operationId, LockModeType.PESSIMISTIC_WRITE);
            if (operation == null) {
                return false;
            }
            OffsetDateTime now = now();
            int parts = OutboxRow.update("deadLetteredAt = null, attempts = 0, firstFailedAt = null, availableAt = ?1, "
                    + "leaseOwner = null, leaseUntil = null where operationId = ?2 and deadLetteredAt is not null", now,
                    operationId);
            if (parts == 0) {
                return false;
            }
            if (operation.status == OperationStatus.DEAD_LETTERED) {
                operation.status = OperationStatus.DELIVERING;
                operation.problem = null;
            }
            operation.updatedAt = now;
            lineage.record(operation, LineageLog.Step.REPLAYED, parts + " part(s) put back for delivery", List.of(), now);
            return true;
        });
        if (replayed) {
            dispatcher.wake();
        }
        return replayed;
    }

    /** Gives up an operation's dead letters: it ends FAILED; false when it has none. */
    public boolean discard(UUID operationId, String reason) {
        return QuarkusTransaction.requiringNew().call(() -> {
            OperationRow operation = entityManager.find(OperationRow.class, operationId, LockModeType.PESSIMISTIC_WRITE);
            if (operation == null) {
                return false;
            }
            long parts = OutboxRow.delete("operationId = ?1 and deadLetteredAt is not null", operationId);
            if (parts == 0) {
                return false;
            }
            OffsetDateTime now = now();
            operation.status = OperationStatus.FAILED;
            operation.problem = json.write(new OperationProblem(OperationProblem.Reason.DISCARDED, reason, List.of()));
            operation.updatedAt = now;
            metrics.finished(operation.type, OperationStatus.FAILED, operation.acceptedAt, now);
            lineage.record(operation, LineageLog.Step.DISCARDED, reason, List.of(), now);
            return true;
        });
    }

    private static String where(Filter filter, Map<String, Object> parameters) {
        StringBuilder where = new StringBuilder("where o.dead_lettered_at is not null");
        if (filter.clientId() != null) {
            where.append(" and op.client_id = :clientId");
            parameters.put("clientId", filter.clientId());
        }
        if (filter.type() != null) {
            where.append(" and op.type = :type");
            parameters.put("type", filter.type().name());
        }
        if (filter.contractNumber() != null) {
            where.append(" and o.aggregate_key = :aggregate");
            parameters.put("aggregate", Aggregates.contract(filter.contractNumber()));
        }
        if (filter.errorCode() != null) {
            where.append(" and o.error_code = :errorCode");
            parameters.put("errorCode", filter.errorCode());
        }
        if (filter.before() != null) {
            where.append(" and o.dead_lettered_at < :before");
            parameters.put("before", filter.before());
        }
        return where.toString();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
