package dev.sluice.governance;

import dev.sluice.contract.ApiContracts;
import dev.sluice.contract.OpenApiContract.OperationSpec;
import dev.sluice.contract.OpenApiContract;
import dev.sluice.platform.Json;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Records every admin action of an authenticated caller in the audit log, with the status it
 * was answered, whether it succeeded or not. (Accepted writes are recorded with their
 * acceptance, in the same transaction.)
 */
public class AdminAudit {

    private final CallContext call;
    private final AuditTrail audit;
    private final Json json;

    AdminAudit(CallContext call, AuditTrail audit, Json json) {
        this.call = call;
        this.audit = audit;
        this.json = json;
    }

    /** What the action was about: the client or operation its path names. */
    private static String resourceOf(UriInfo uri) {
        String clientId = uri.getPathParameters().getFirst("clientId");
        return clientId != null ? clientId : uri.getPathParameters().getFirst("operationId");
    }

    @ServerResponseFilter
    void record(ContainerResponseContext response, SimpleResourceInfo resource, UriInfo uri) {
        if (resource == null || !call.hasCaller()) {
            return;
        }
        Optional<OperationSpec> operation = ApiContracts.operation(resource.getMethodName())
                .filter(o -> o.contract().resource().equals(OpenApiContract.ADMIN_V1_RESOURCE));
        if (operation.isEmpty()) {
            return;
        }
        Caller caller = call.caller();
        audit.appendNow(new AuditTrail.Entry(caller.clientId(), caller.subject(), operation.get().operationId(),
                resourceOf(uri), response.getStatus(), call.correlationId(),
                call.body() == null ? null : json.digest(call.body())));
    }
}
