package dev.sluice.api.v1;

import dev.sluice.api.WriteIntake;
import dev.sluice.api.v1.generated.MilestonesApi;
import dev.sluice.api.v1.model.MilestoneCompletionRequest;
import jakarta.ws.rs.core.Response;

/** Milestone progress and acceptance. */
public class MilestonesResource implements MilestonesApi {

    private final WriteIntake writes;

    MilestonesResource(WriteIntake writes) {
        this.writes = writes;
    }

    @Override
    public Response completeMilestone(String projectCode, String milestoneCode, String idempotencyKey,
            MilestoneCompletionRequest request, String correlationId, String prefer, String traceparent) {
        return writes.accept(idempotencyKey, prefer, ApiMapper.command(projectCode, milestoneCode, request),
                V1Answers.INSTANCE);
    }
}
