package dev.sluice.delivery;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.sluice.domain.ErpReference;
import dev.sluice.domain.OperationType;
import dev.sluice.erp.PostingOutcome;
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
    public enum Step {
        RECEIVED, VALIDATED, VALIDATION_DEFERRED, ACCEPTED, DELIVERING, POSTED, RETRY_SCHEDULED, FAILED, DEAD_LETTERED,
        REPLAYED, DISCARDED
    }

    /** One recorded step. */
    public record Entry(OffsetDateTime at, Step step, UUID operationId, OperationType operationType, String detail,
            List<ErpReference> erpReferences, String deliveredBy, List<PostingOutcome.Effect> effects) {
    }

    private static final TypeReference<List<PostingOutcome.Effect>> EFFECTS = new TypeReference<>() {
    };

    private final Json json;
    private final Operations operations;

    LineageLog(Json json, Operations operations) {
        this.json = json;
        this.operations = operations;
    }

    /** Records a step; call inside the transaction that makes the step true. */
    void record(OperationRow operation, Step step, String detail, List<ErpReference> references,
            OffsetDateTime at) {
        record(operation, step, detail, references, at, null, List.of());
    }

    /** Records a step of delivery: who made the attempt, or what the posting did to the books. */
    void record(OperationRow operation, Step step, String detail, List<ErpReference> references,
            OffsetDateTime at, String deliveredBy, List<PostingOutcome.Effect> effects) {
        LineageEventRow row = new LineageEventRow();
        row.correlationId = operation.correlationId;
        row.operationId = operation.id;
        row.operationType = operation.type;
        row.step = step.name();
        row.at = at;
        row.detail = detail == null ? null : truncate(detail);
        row.erpReferences = references == null || references.isEmpty() ? null : json.write(references);
        row.deliveredBy = deliveredBy;
        row.effects = effects == null || effects.isEmpty() ? null : json.write(effects);
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
                        operations.references(r.erpReferences), r.deliveredBy, effects(r.effects)))
                .toList();
    }

    private List<PostingOutcome.Effect> effects(String text) {
        try {
            return text == null ? List.of() : json.mapper().readValue(text, EFFECTS);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Stored effects do not read", e);
        }
    }

    private static String truncate(String detail) {
        return detail.length() <= 2000 ? detail : detail.substring(0, 1997) + "...";
    }
}
