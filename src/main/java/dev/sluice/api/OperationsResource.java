package dev.sluice.api;

import dev.sluice.api.problem.ProblemException;
import dev.sluice.api.problem.ProblemKind;
import dev.sluice.api.v1.generated.OperationsApi;
import dev.sluice.delivery.Operations;
import dev.sluice.governance.CallerIdentity;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/** Accepted writes, for the client that made them. */
public class OperationsResource implements OperationsApi {

    private final Operations operations;
    private final CallerIdentity caller;

    OperationsResource(Operations operations, CallerIdentity caller) {
        this.operations = operations;
        this.caller = caller;
    }

    @Override
    public Response getOperation(UUID operationId, String correlationId, String traceparent) {
        // another client's operation answers as unknown, so ids cannot be probed
        return operations.find(operationId)
                .filter(o -> o.clientId().equals(caller.clientId()))
                .map(o -> Response.ok(ApiMapper.operation(o)).build())
                .orElseThrow(() -> new ProblemException(ProblemKind.NOT_FOUND, "No operation " + operationId));
    }
}
