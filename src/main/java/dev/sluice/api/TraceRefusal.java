package dev.sluice.api;

import dev.sluice.api.problem.Problems;
import dev.sluice.governance.EdgeFilters;
import dev.sluice.problem.ProblemKind;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * TRACE echoes a request back, headers and all (cross-site tracing); no path answers it. Refused
 * before any route, with a problem document like every other refusal.
 */
@ApplicationScoped
public class TraceRefusal {

    void routes(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).method(HttpMethod.TRACE).handler(ctx -> {
            String correlationId = EdgeFilters.correlationId(ctx.request().getHeader(EdgeFilters.CORRELATION_HEADER));
            ProblemKind kind = ProblemKind.METHOD_NOT_ALLOWED;
            ctx.response()
                    .setStatusCode(kind.status())
                    .putHeader("Content-Type", Problems.MEDIA_TYPE)
                    .putHeader(EdgeFilters.CORRELATION_HEADER, correlationId)
                    .end(new JsonObject()
                            .put("type", kind.type())
                            .put("title", kind.title())
                            .put("status", kind.status())
                            .put("detail", "TRACE is not answered")
                            .put("instance", ctx.request().path())
                            .put("correlationId", correlationId)
                            .encode());
        });
    }
}
