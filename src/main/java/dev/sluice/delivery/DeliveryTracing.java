package dev.sluice.delivery;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A span around every call to the ERP, continuing the trace of the request that was accepted
 * (its {@code traceparent}), so a trace shows the write and, later, its delivery. The ERP is
 * handed the span's own {@code traceparent}. With tracing off (the default), or the span not
 * sampled, nothing is recorded and the ERP gets the caller's {@code traceparent} unchanged.
 */
@ApplicationScoped
class DeliveryTracing {

    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("sluice.operation.id");
    static final AttributeKey<String> PART = AttributeKey.stringKey("sluice.operation.part");
    static final AttributeKey<String> BACKEND = AttributeKey.stringKey("sluice.erp.backend");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("sluice.delivery.attempt");

    private static final TextMapGetter<String> TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of("traceparent");
        }

        @Override
        public String get(String carrier, String key) {
            return "traceparent".equals(key) ? carrier : null;
        }
    };

    private final Tracer tracer;
    private final boolean enabled;

    DeliveryTracing(Tracer tracer, @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean disabled) {
        this.tracer = tracer;
        this.enabled = !disabled;
    }

    /** Runs the call in a client span; the call gets the {@code traceparent} to pass to the ERP. */
    <T> T post(String backend, UUID operationId, String part, int attempt, String callerTraceparent,
            Function<String, T> call) {
        if (!enabled) {
            return call.apply(callerTraceparent);
        }
        Context parent = callerTraceparent == null ? Context.root()
                : W3CTraceContextPropagator.getInstance().extract(Context.root(), callerTraceparent, TRACEPARENT);
        Span span = tracer.spanBuilder("erp.post " + backend)
                .setSpanKind(SpanKind.CLIENT)
                .setParent(parent)
                .setAttribute(OPERATION, operationId.toString())
                .setAttribute(PART, part)
                .setAttribute(BACKEND, backend)
                .setAttribute(ATTEMPT, (long) attempt)
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return call.apply(traceparent(span, callerTraceparent));
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    /** The span's context when it is recorded; otherwise the caller's, as no trace will hold the span. */
    private static String traceparent(Span span, String callerTraceparent) {
        SpanContext context = span.getSpanContext();
        if (!span.isRecording() || !context.isValid()) {
            return callerTraceparent;
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }
}
