package dev.sluice.governance;

import dev.sluice.problem.ProblemException;
import dev.sluice.problem.ProblemKind;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The first and last steps of every API request: the correlation id (accepted or generated,
 * logged and echoed), the caller's trace context, and the body-size limit.
 */
public class EdgeFilters {

    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    static final String MDC_KEY = "correlationId";
    private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private final CallContext call;
    private final EdgeConfig config;

    EdgeFilters(CallContext call, EdgeConfig config) {
        this.call = call;
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true, priority = 100)
    void enter(ContainerRequestContext request) {
        String correlationId = correlationId(request.getHeaderString(CORRELATION_HEADER));
        call.correlationId(correlationId);
        call.receivedAt(OffsetDateTime.now(ZoneOffset.UTC));
        call.target(request.getMethod(), request.getUriInfo().getPath());
        MDC.put(MDC_KEY, correlationId);
        String traceparent = request.getHeaderString("traceparent");
        if (traceparent != null && TRACEPARENT.matcher(traceparent).matches()) {
            call.traceparent(traceparent);
        }
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null && isOver(length, config.maxBodyBytes())) {
            throw new ProblemException(ProblemKind.PAYLOAD_TOO_LARGE,
                    "The body has " + length + " bytes; at most " + config.maxBodyBytes() + " are accepted");
        }
    }

    @ServerResponseFilter
    void leave(ContainerResponseContext response) {
        if (call.correlationId() != null) {
            response.getHeaders().putSingle(CORRELATION_HEADER, call.correlationId());
        }
        MDC.remove(MDC_KEY);
    }

    /** The caller's correlation id when it is a valid one, else a new one. */
    public static String correlationId(String given) {
        return given != null && CORRELATION_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }

    private static boolean isOver(String length, int limit) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
