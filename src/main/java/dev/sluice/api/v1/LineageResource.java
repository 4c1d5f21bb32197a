package dev.sluice.api.v1;

import dev.sluice.api.v1.generated.LineageApi;
import dev.sluice.delivery.LineageLog;
import dev.sluice.governance.CallContext;
import dev.sluice.problem.ProblemException;
import dev.sluice.problem.ProblemKind;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The recorded trail of a correlation id. */
public class LineageResource implements LineageApi {

    private final LineageLog lineage;
    private final CallContext call;

    LineageResource(LineageLog lineage, CallContext call) {
        this.lineage = lineage;
        this.call = call;
    }

    @Override
    public Response getLineage(String correlationId, String xCorrelationId, String traceparent) {
        List<LineageLog.Entry> steps = lineage.steps(correlationId, call.caller().visibleClient());
        if (steps.isEmpty()) {
            throw new ProblemException(ProblemKind.NOT_FOUND, "Nothing was recorded under correlation id "
                    + correlationId);
        }
        return Response.ok(ApiMapper.lineage(correlationId, steps)).build();
    }
}
