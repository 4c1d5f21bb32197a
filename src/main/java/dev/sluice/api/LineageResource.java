package dev.sluice.api;

import dev.sluice.api.problem.ProblemException;
import dev.sluice.api.problem.ProblemKind;
import dev.sluice.api.v1.generated.LineageApi;
import dev.sluice.delivery.LineageLog;
import dev.sluice.governance.CallerIdentity;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The recorded trail of a correlation id. */
public class LineageResource implements LineageApi {

    private final LineageLog lineage;
    private final CallerIdentity caller;

    LineageResource(LineageLog lineage, CallerIdentity caller) {
        this.lineage = lineage;
        this.caller = caller;
    }

    @Override
    public Response getLineage(String correlationId, String xCorrelationId, String traceparent) {
        List<LineageLog.Entry> steps = lineage.steps(correlationId, caller.clientId());
        if (steps.isEmpty()) {
            throw new ProblemException(ProblemKind.NOT_FOUND, "Nothing was recorded under correlation id "
                    + correlationId);
        }
        return Response.ok(ApiMapper.lineage(correlationId, steps)).build();
    }
}
