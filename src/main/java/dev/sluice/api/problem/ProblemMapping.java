package dev.sluice.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sluice.contract.ApiContracts;
import dev.sluice.delivery.BackendOverloadedException;
import dev.sluice.erp.ErpUnavailableException;
import dev.sluice.governance.CallContext;
import dev.sluice.problem.ProblemException;
import dev.sluice.problem.ProblemKind;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place a failure becomes an answer: every exception maps to a {@link ProblemKind} and
 * is rendered as {@code application/problem+json}. Nothing about the exception itself (class,
 * message of an unexpected failure, stack) reaches the caller; unexpected failures are logged.
 */
public class ProblemMapping {

    private static final Logger LOG = Logger.getLogger(ProblemMapping.class);

    private final CallContext call;

    ProblemMapping(CallContext call) {
        this.call = call;
    }

    @ServerExceptionMapper
    Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder response = Response.status(e.kind().status()).type(Problems.MEDIA_TYPE)
                .entity(Problems.problem(e.kind(), e.detail(), instance(uri), call.correlationId(), e.violations())
                        .withViolatedPolicies(e.violatedPolicies()));
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    Response notFound(NotFoundException e, UriInfo uri) {
        return render(ProblemKind.NO_SUCH_ROUTE, "No operation answers at " + uri.getPath(), uri, Map.of());
    }

    @ServerExceptionMapper
    Response notAllowed(NotAllowedException e, UriInfo uri) {
        // the router matches /api/v1/contracts/ as /api/v1/contracts; so does the Allow list
        String path = uri.getPath().length() > 1 && uri.getPath().endsWith("/")
                ? uri.getPath().substring(0, uri.getPath().length() - 1)
                : uri.getPath();
        String allow = String.join(", ", ApiContracts.methodsAt(path));
        return render(ProblemKind.METHOD_NOT_ALLOWED, "Allowed here: " + allow, uri, Map.of(HttpHeaders.ALLOW, allow));
    }

    @ServerExceptionMapper
    Response unsupported(NotSupportedException e, UriInfo uri, HttpHeaders headers) {
        String given = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        return render(ProblemKind.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type " + (given == null ? "is missing" : given + " is not accepted") + "; send application/json",
                uri, Map.of());
    }

    @ServerExceptionMapper
    Response notAcceptable(NotAcceptableException e, UriInfo uri) {
        return render(ProblemKind.NOT_ACCEPTABLE, "Answers are application/json or application/problem+json", uri,
                Map.of());
    }

    @ServerExceptionMapper
    Response erpUnavailable(ErpUnavailableException e, UriInfo uri) {
        long seconds = e.retryAfter().map(d -> Math.max(1, d.toSeconds())).orElse(5L);
        return render(ProblemKind.SERVICE_UNAVAILABLE, "The ERP cannot answer now, and the gateway holds no copy of "
                + "what was asked for; nothing was changed", uri, Map.of("Retry-After", Long.toString(seconds)));
    }

    @ServerExceptionMapper
    Response overloaded(BackendOverloadedException e, UriInfo uri) {
        return render(ProblemKind.SERVICE_UNAVAILABLE, e.getMessage(), uri,
                Map.of("Retry-After", Long.toString(e.retryAfter().toSeconds())));
    }

    @ServerExceptionMapper
    Response json(JsonProcessingException e, UriInfo uri) {
        return render(ProblemKind.MALFORMED_JSON, "The body could not be read as the expected JSON", uri, Map.of());
    }

    @ServerExceptionMapper
    Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        ProblemKind kind = status == 413 ? ProblemKind.PAYLOAD_TOO_LARGE : ProblemKind.INVALID_REQUEST;
        return render(kind, "The request cannot be served as sent", uri, Map.of());
    }

    @ServerExceptionMapper
    Response unexpected(Throwable e, UriInfo uri) {
        LOG.errorf(e, "Unexpected failure answering %s (correlation id %s)", uri.getPath(), call.correlationId());
        return render(ProblemKind.INTERNAL_ERROR, null, uri, Map.of());
    }

    private Response render(ProblemKind kind, String detail, UriInfo uri, Map<String, String> headers) {
        return Problems.response(kind, detail, instance(uri), call.correlationId(), List.of(), headers);
    }

    private static String instance(UriInfo uri) {
        return uri.getRequestUri().getRawPath();
    }
}
