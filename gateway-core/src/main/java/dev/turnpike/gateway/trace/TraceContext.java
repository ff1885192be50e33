package dev.turnpike.gateway.trace;

import io.netty.handler.codec.http.HttpHeaders;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Objects;

/**
 * The W3C trace context of one request as the gateway continues it: the trace id (the caller's, or a new one), the
 * gateway's own span id, the sampled flag and the caller's {@code tracestate}. The upstream gets it as its parent
 * ({@code traceparent} with the gateway's span id). Wraps the OpenTelemetry {@link Span} of the request, which is
 * recording only when spans are exported ({@link Tracing}).
 *
 * <p>Immutable; the span inside is thread-safe.
 */
public final class TraceContext {
    /** {@code traceparent}. */
    public static final String TRACEPARENT = "traceparent";
    /** {@code tracestate}. */
    public static final String TRACESTATE = "tracestate";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<HttpHeaders> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpHeaders carrier) {
            return carrier.names();
        }

        @Override
        public String get(HttpHeaders carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };
    private static final TextMapSetter<HttpHeaders> SETTER = (carrier, key, value) -> carrier.set(key, value);

    private final Span span;

    TraceContext(Span span) {
        this.span = Objects.requireNonNull(span, "span");
    }

    /**
     * The caller's span context from {@code traceparent} and {@code tracestate}; {@link SpanContext#getInvalid()}
     * when there is none or it is malformed (then the request starts a new trace and its {@code tracestate} is
     * ignored, as W3C Trace Context requires).
     */
    static SpanContext parentOf(HttpHeaders requestHeaders) {
        return Span.fromContext(W3C.extract(Context.root(), requestHeaders, GETTER)).getSpanContext();
    }

    /** The 32 lower-case hex digits of the trace id. */
    public String traceId() {
        return span.getSpanContext().getTraceId();
    }

    /** The 16 lower-case hex digits of the gateway's span id for this request. */
    public String spanId() {
        return span.getSpanContext().getSpanId();
    }

    /** Whether the trace is sampled (the flag passed on to the upstream). */
    public boolean sampled() {
        return span.getSpanContext().isSampled();
    }

    /** The request's span (recording only when spans are exported). */
    public Span span() {
        return span;
    }

    /**
     * Replaces {@code traceparent} and {@code tracestate} in {@code headers} (a copy of the request's, on its way to
     * the upstream) with this context: the upstream's parent is the gateway's span.
     */
    public void writeTo(HttpHeaders headers) {
        headers.remove(TRACEPARENT);
        headers.remove(TRACESTATE);
        W3C.inject(Context.root().with(span), headers, SETTER);
    }

    @Override
    public String toString() {
        return "00-" + traceId() + "-" + spanId() + (sampled() ? "-01" : "-00");
    }
}
