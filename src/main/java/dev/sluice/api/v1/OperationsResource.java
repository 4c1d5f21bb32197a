package dev.sluice.api.v1;

import dev.sluice.api.v1.generated.OperationsApi;
import dev.sluice.delivery.Operations;
import dev.sluice.governance.CallContext;
import dev.sluice.problem.ProblemException;
import dev.sluice.problem.ProblemKind;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/** Accepted writes, for the client that made them (and operations staff). */
public class OperationsResource implements OperationsApi {

    private final Operations operations;
    private final CallContext call;

    OperationsResource(Operations operations, CallContext call) {
        this.operations = operations;
        this.call = call;
    }

    @Override
    public Response getOperation(UUID operationId, String correlationId, String traceparent) {
        // another client's operation answers as unknown, so ids cannot be probed
        return operations.find(operationId)
                .filter(o -> call.caller().maySee(o.clientId()))
                .map(o -> Response.ok(ApiMapper.operation(o)).build())
                .orElseThrow(() -> new ProblemException(ProblemKind.NOT_FOUND, "No operation " + operationId));
    }
}
