package dev.sluice.api.v1;

import dev.sluice.api.WriteIntake;
import dev.sluice.api.v1.generated.TimeApi;
import dev.sluice.api.v1.model.TimeApprovalRequest;
import jakarta.ws.rs.core.Response;

/** Approved time. */
public class TimeResource implements TimeApi {

    private final WriteIntake writes;

    TimeResource(WriteIntake writes) {
        this.writes = writes;
    }

    @Override
    public Response approveTime(String idempotencyKey, TimeApprovalRequest request, String correlationId,
            String prefer, String traceparent) {
        return writes.accept(idempotencyKey, prefer, ApiMapper.command(request), V1Answers.INSTANCE);
    }
}
