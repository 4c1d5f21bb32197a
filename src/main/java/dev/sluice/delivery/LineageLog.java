package dev.sluice.delivery;

import dev.sluice.domain.ErpReference;
import dev.sluice.domain.OperationType;
import dev.sluice.platform.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The trail from a caller's request to the ERP documents it produced. */
@ApplicationScoped
public class LineageLog {

    /** The steps an operation goes through. */
    public enum Step { ACCEPTED, DELIVERING, POSTED, RETRY_SCHEDULED, FAILED, DEAD_LETTERED, REPLAYED, DISCARDED }

    /** One recorded step. */
    public record Entry(OffsetDateTime at, Step step, UUID operationId, OperationType operationType, String detail,
            List<ErpReference> erpReferences) {
    }

    private final Json json;
    private final Operations operations;

    LineageLog(Json json, Operations operations) {
        this.json = json;
        this.operations = operations;
    }

    /** Records a step; call inside the transaction that makes the step true. */
    void record(OperationRow operation, Step step, String detail, List<ErpReference> references,
            OffsetDateTime at) {
        LineageEventRow row = new LineageEventRow();
        row.correlationId = operation.correlationId;
        row.operationId = operation.id;
        row.operationType = operation.type;
        row.step = step.name();
        row.at = at;
        row.detail = detail == null ? null : truncate(detail);
        row.erpReferences = references == null || references.isEmpty() ? null : json.write(references);
        row.persist();
    }

    /**
     * Every step recorded under a correlation id, oldest first: for operations of
     * {@code clientId}, or of every client when it is null.
     */
    @Transactional
    public List<Entry> steps(String correlationId, String clientId) {
        List<LineageEventRow> rows = clientId == null
                ? LineageEventRow.find("correlationId = ?1 order by id", correlationId).list()
                : LineageEventRow.find("correlationId = ?1 and operationId in "
                        + "(select o.id from OperationRow o where o.clientId = ?2) order by id", correlationId, clientId)
                        .list();
        return rows.stream()
                .map(r -> new Entry(r.at, Step.valueOf(r.step), r.operationId, r.operationType, r.detail,
                        operations.references(r.erpReferences)))
                .toList();
    }

    private static String truncate(String detail) {
        return detail.length() <= 2000 ? detail : detail.substring(0, 1997) + "...";
    }
}
