package dev.sluice.admin.v1;

import dev.sluice.admin.v1.generated.DeadLettersApi;
import dev.sluice.admin.v1.model.DeadLetter;
import dev.sluice.admin.v1.model.DeadLetterFilter;
import dev.sluice.admin.v1.model.DeadLetterPage;
import dev.sluice.admin.v1.model.DeliveryErrorCode;
import dev.sluice.admin.v1.model.DiscardRequest;
import dev.sluice.admin.v1.model.DiscardResult;
import dev.sluice.admin.v1.model.OperationType;
import dev.sluice.admin.v1.model.ReplayResult;
import dev.sluice.api.Cursors;
import dev.sluice.delivery.DeadLetters;
import dev.sluice.problem.ProblemException;
import dev.sluice.problem.ProblemKind;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Dead letters, for operations staff. */
public class DeadLettersResource implements DeadLettersApi {

    private final DeadLetters deadLetters;
    private final Cursors cursors;

    DeadLettersResource(DeadLetters deadLetters, Cursors cursors) {
        this.deadLetters = deadLetters;
        this.cursors = cursors;
    }

    @Override
    public Response listDeadLetters(String clientId, OperationType type, String contractNumber,
            DeliveryErrorCode errorCode, OffsetDateTime before, Integer limit, String after, String correlationId) {
        DeadLetters.Filter filter = filter(clientId, type, contractNumber, errorCode, before);
        Long afterId = after == null ? null : cursors.decodeLong(after);
        List<DeadLetters.DeadLetter> found = deadLetters.find(filter, afterId, limit + 1);
        List<DeadLetters.DeadLetter> page = found.stream().limit(limit).toList();
        String next = null;
        if (found.size() > limit) {
            UriBuilder link = UriBuilder.fromPath("/admin/v1/dead-letters");
            if (clientId != null) {
                link.queryParam("clientId", clientId);
            }
            if (type != null) {
                link.queryParam("type", type.name());
            }
            if (contractNumber != null) {
                link.queryParam("contractNumber", contractNumber);
            }
            if (errorCode != null) {
                link.queryParam("errorCode", errorCode.name());
            }
            if (before != null) {
                link.queryParam("before", before.toString());
            }
            next = link.queryParam("limit", limit)
                    .queryParam("after", cursors.encode(page.get(page.size() - 1).outboxId()))
                    .build().toString();
        }
        return Response.ok(new DeadLetterPage().items(page.stream().map(DeadLettersResource::deadLetter).toList())
                .next(next)).build();
    }

    @Override
    public Response replayDeadLetters(DeadLetterFilter f, String correlationId) {
        List<UUID> replayed = deadLetters.replay(filter(f.getClientId(), f.getType(), f.getContractNumber(),
                f.getErrorCode(), f.getBefore()));
        return Response.ok(new ReplayResult().replayed(replayed.size()).operationIds(replayed)).build();
    }

    @Override
    public Response replayDeadLetter(UUID operationId, String correlationId) {
        if (!deadLetters.replay(operationId)) {
            throw noDeadLetter(operationId);
        }
        return Response.ok(new ReplayResult().replayed(1).operationIds(List.of(operationId))).build();
    }

    @Override
    public Response discardDeadLetter(UUID operationId, DiscardRequest request, String correlationId) {
        if (!deadLetters.discard(operationId, request.getReason())) {
            throw noDeadLetter(operationId);
        }
        return Response.ok(new DiscardResult().operationId(operationId).status(DiscardResult.StatusEnum.FAILED)
                .reason(request.getReason())).build();
    }

    private static DeadLetters.Filter filter(String clientId, OperationType type, String contractNumber,
            DeliveryErrorCode errorCode, OffsetDateTime before) {
        return new DeadLetters.Filter(clientId, type == null ? null : dev.sluice.domain.OperationType.valueOf(type.name()),
                contractNumber, errorCode == null ? null : errorCode.name(), before);
    }

    private static ProblemException noDeadLetter(UUID operationId) {
        return new ProblemException(ProblemKind.NOT_FOUND, "Operation " + operationId + " has no dead letter");
    }

    private static DeadLetter deadLetter(DeadLetters.DeadLetter d) {
        return new DeadLetter().operationId(d.operationId()).type(OperationType.valueOf(d.type().name()))
                .clientId(d.clientId()).correlationId(d.correlationId()).contractNumber(d.contractNumber())
                .part(d.part()).attempts(d.attempts()).errorCode(DeliveryErrorCode.valueOf(d.errorCode()))
                .lastError(d.lastError()).acceptedAt(d.acceptedAt()).deadLetteredAt(d.deadLetteredAt())
                .backend(d.backend());
    }
}
