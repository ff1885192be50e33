package dev.turnpike.gateway.observe;

import dev.turnpike.gateway.auth.AuthFilter;
import dev.turnpike.gateway.pipeline.ClientAddress;
import dev.turnpike.gateway.pipeline.ContextKey;
import dev.turnpike.gateway.pipeline.Exchange;
import dev.turnpike.gateway.pipeline.FilterChain;
import dev.turnpike.gateway.pipeline.GatewayFilter;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * First filter: when the response is done (or the client went away) records the request's meter and access-log
 * line. Later filters say what they learned through {@link #API} and {@link #UPSTREAM}.
 */
public final class ObserveFilter implements GatewayFilter {
    /** The id of the API that served the request. */
    public static final ContextKey<String> API = ContextKey.named("api");
    /** The upstream instance the request went to, {@code host:port}. */
    public static final ContextKey<String> UPSTREAM = ContextKey.named("upstream");

    /**
     * The {@link #API} tag of a request to a composite endpoint: {@code composite:<id>} (no API id has a colon), so
     * metrics and the access log tell composites apart from APIs.
     */
    public static String compositeTag(String compositeId) {
        return "composite:" + compositeId;
    }

    private final GatewayMetrics metrics;
    private final AccessLog accessLog;

    public ObserveFilter(GatewayMetrics metrics, AccessLog accessLog) {
        this.metrics = metrics;
        this.accessLog = accessLog;
    }

    @Override
    public Mono<Void> filter(Exchange exchange, FilterChain chain) {
        return chain.next(exchange).doFinally(signal -> record(exchange, signal));
    }

    private void record(Exchange ex, SignalType signal) {
        long nanos = System.nanoTime() - ex.startNanos();
        String api = ex.get(API);
        if (api == null) {
            api = "none";
        }
        String method = ex.request().method().name();
        // Reactor Netty may cancel the handler once a response is fully written, so CANCEL alone does not mean the
        // client went away: only a cancel before anything was sent does.
        int status = signal == SignalType.CANCEL && !ex.response().hasSentHeaders() ? -1
                : ex.response().status().code();
        metrics.recordRequest(api, method, status, nanos);
        String upstream = ex.get(UPSTREAM);
        String consumer = ex.get(AuthFilter.CONSUMER);
        accessLog.log(ClientAddress.of(ex).text(), method, ex.path(), status, ex.responseBytes(),
                nanos, api, consumer == null ? "-" : consumer, upstream == null ? "-" : upstream, ex.requestId());
    }
}
