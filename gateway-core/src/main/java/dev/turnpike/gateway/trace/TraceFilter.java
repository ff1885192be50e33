package dev.turnpike.gateway.trace;

import dev.turnpike.gateway.observe.ObserveFilter;
import dev.turnpike.gateway.pipeline.ContextKey;
import dev.turnpike.gateway.pipeline.Exchange;
import dev.turnpike.gateway.pipeline.FilterChain;
import dev.turnpike.gateway.pipeline.GatewayFilter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * First filter: continues the caller's W3C trace ({@code traceparent}, {@code tracestate}) or starts one, and leaves
 * the request's {@link TraceContext} under {@link #TRACE} for the access log, problem responses and the upstream
 * call. When spans are exported, ends the request's span when the response is done, named {@code METHOD api} with
 * the status, path, API, upstream instance and request id as attributes.
 */
public final class TraceFilter implements GatewayFilter {
    /** The request's trace context. */
    public static final ContextKey<TraceContext> TRACE = ContextKey.named("trace");

    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> API = AttributeKey.stringKey("turnpike.api");
    private static final AttributeKey<String> UPSTREAM = AttributeKey.stringKey("turnpike.upstream");
    private static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("turnpike.request_id");

    private final Tracing tracing;

    public TraceFilter(Tracing tracing) {
        this.tracing = tracing;
    }

    @Override
    public Mono<Void> filter(Exchange exchange, FilterChain chain) {
        String method = exchange.request().method().name();
        TraceContext trace = tracing.start(TraceContext.parentOf(exchange.request().requestHeaders()), method);
        exchange.put(TRACE, trace);
        if (!trace.span().isRecording()) {
            return chain.next(exchange);
        }
        return chain.next(exchange).doFinally(signal -> end(exchange, trace.span(), signal));
    }

    private static void end(Exchange ex, Span span, SignalType signal) {
        String api = ex.get(ObserveFilter.API);
        String upstream = ex.get(ObserveFilter.UPSTREAM);
        span.setAttribute(METHOD, ex.request().method().name());
        span.setAttribute(PATH, ex.path());
        span.setAttribute(REQUEST_ID, ex.requestId());
        if (api != null) {
            span.updateName(ex.request().method().name() + " " + api);
            span.setAttribute(API, api);
        }
        if (upstream != null) {
            span.setAttribute(UPSTREAM, upstream);
        }
        if (signal == SignalType.CANCEL && !ex.response().hasSentHeaders()) {
            span.setStatus(StatusCode.ERROR, "client went away");
        } else {
            int status = ex.response().status().code();
            span.setAttribute(STATUS, (long) status);
            if (status >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
        }
        span.end();
    }
}
