package dev.sluice.governance.ratelimit;

import dev.sluice.contract.ApiContracts;
import dev.sluice.contract.OpenApiContract.OperationSpec;
import dev.sluice.governance.CallContext;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Charges every authorized {@code /api} request to its client's plan, after authentication (a
 * request refused for its token costs nothing) and before anything else is done for it; a
 * batch charged per entry is charged once its body is read ({@link PerEntryCharge}). Every
 * answer to a charged request carries the RateLimit headers.
 */
public class RateLimitFilters {

    private final RateLimits limits;
    private final CallContext call;

    RateLimitFilters(RateLimits limits, CallContext call) {
        this.limits = limits;
        this.call = call;
    }

    @ServerRequestFilter(priority = 1500)
    Uni<Void> charge(SimpleResourceInfo resource) {
        Optional<OperationSpec> operation = ApiContracts.operation(resource.getMethodName());
        if (operation.isEmpty() || !operation.get().path().startsWith("/api/") || !call.hasCaller()) {
            return Uni.createFrom().voidItem();
        }
        int cost = limits.cost(operation.get().operationId());
        if (cost == RateLimitPolicy.PER_ENTRY) {
            return Uni.createFrom().voidItem();
        }
        // a refusal is a problem that carries its own RateLimit and Retry-After headers
        return Uni.createFrom().completionStage(() -> limits.chargeAsync(call.caller().clientId(), cost))
                .invoke(decision -> call.rateLimitHeaders(RateLimits.headers(decision)))
                .replaceWithVoid();
    }

    @ServerResponseFilter
    void headers(ContainerResponseContext response) {
        call.rateLimitHeaders().forEach((name, value) -> response.getHeaders().putSingle(name, value));
    }
}
