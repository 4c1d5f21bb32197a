package dev.sluice.admin.v1;

import dev.sluice.admin.v1.generated.QueueApi;
import dev.sluice.admin.v1.model.BackendQueue;
import dev.sluice.admin.v1.model.ErpState;
import dev.sluice.admin.v1.model.LegalEntityQueue;
import dev.sluice.admin.v1.model.Queue;
import dev.sluice.delivery.DeliveryQueue;
import dev.sluice.delivery.ErpStates;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** What waits for each ERP, per legal entity, and how each ERP is doing: for finance and operations staff. */
public class QueueResource implements QueueApi {

    private final DeliveryQueue queue;
    private final ErpStates erps;

    QueueResource(DeliveryQueue queue, ErpStates erps) {
        this.queue = queue;
        this.erps = erps;
    }

    @Override
    public Response getQueue(String correlationId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Queue answer = new Queue().asOf(now);
        for (DeliveryQueue.BackendQueue backend : queue.now()) {
            DeliveryQueue.Counts total = backend.total();
            BackendQueue item = new BackendQueue().backend(backend.backend()).erp(erp(erps.of(backend.backend())))
                    .waiting(total.waiting()).oldestAcceptedAt(total.oldestAcceptedAt())
                    .oldestAgeSeconds(age(total, now)).deferredValidation(total.deferredValidation())
                    .deadLettered(total.deadLettered());
            item.setLegalEntities(new java.util.ArrayList<>());
            for (DeliveryQueue.LegalEntityQueue entity : backend.legalEntities()) {
                DeliveryQueue.Counts counts = entity.counts();
                item.addLegalEntitiesItem(new LegalEntityQueue().legalEntity(entity.legalEntity())
                        .waiting(counts.waiting()).oldestAcceptedAt(counts.oldestAcceptedAt())
                        .oldestAgeSeconds(age(counts, now)).deferredValidation(counts.deferredValidation())
                        .deadLettered(counts.deadLettered()));
            }
            answer.addBackendsItem(item);
        }
        return Response.ok(answer).build();
    }

    private static Long age(DeliveryQueue.Counts counts, OffsetDateTime now) {
        return counts.oldestAcceptedAt() == null ? null
                : Math.max(0, Duration.between(counts.oldestAcceptedAt(), now).toSeconds());
    }

    private static ErpState erp(ErpStates.ErpState state) {
        return new ErpState().circuit(ErpState.CircuitEnum.fromValue(state.circuit().name()))
                .lastSuccessAt(state.lastSuccessAt().map(QueueResource::utc).orElse(null))
                .lastFailureAt(state.lastFailureAt().map(QueueResource::utc).orElse(null))
                .lastFailure(state.lastFailure().orElse(null))
                .observedBy(state.observedBy());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
