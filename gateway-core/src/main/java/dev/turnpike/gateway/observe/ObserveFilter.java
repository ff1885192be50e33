package dev.turnpike.gateway.observe;

import dev.turnpike.gateway.auth.AuthFilter;
import dev.turnpike.gateway.pipeline.ClientAddress;
import dev.turnpike.gateway.pipeline.ContextKey;
import dev.turnpike.gateway.pipeline.Exchange;
import dev.turnpike.gateway.pipeline.FilterChain;
import dev.turnpike.gateway.pipeline.GatewayFilter;
import dev.turnpike.gateway.trace.TraceContext;
import dev.turnpike.gateway.trace.TraceFilter;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.netty.channel.AbortedException;

/**
 * Records each request's meter and access-log line when the response is done (or the client went away). Later
 * filters say what they learned through {@link #API} and {@link #UPSTREAM}. A client that disconnects mid-request
 * (a reset, or a write to a connection it closed) is not a gateway failure: it is counted as {@code cancelled} and
 * logged as status 499, and its error ends here instead of reaching the handler's "failed inside the gateway" log.
 */
public final class ObserveFilter implements GatewayFilter {
    /** The id of the API that served the request. */
    public static final ContextKey<String> API = ContextKey.named("api");
    /** The upstream instance the request went to, {@code host:port}. */
    public static final ContextKey<String> UPSTREAM = ContextKey.named("upstream");

    private static final Logger log = LoggerFactory.getLogger(ObserveFilter.class);
    private static final ContextKey<Boolean> CLIENT_ABORTED = ContextKey.named("clientAborted");

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
        return chain.next(exchange)
                .onErrorResume(error -> clientAborted(exchange, error), error -> {
                    exchange.put(CLIENT_ABORTED, Boolean.TRUE);
                    log.debug("Request {}: the client went away ({})", exchange, error.toString());
                    return Mono.empty();
                })
                .doFinally(signal -> record(exchange, signal));
    }

    /** Whether {@code error} is the client's connection ending under the request, not a fault of the gateway. */
    static boolean clientAborted(Exchange exchange, Throwable error) {
        if (error instanceof AbortedException || AbortedException.isConnectionReset(error)
                || error instanceof ClosedChannelException) {
            return true;
        }
        return error instanceof IOException && !clientConnected(exchange);
    }

    private static boolean clientConnected(Exchange exchange) {
        boolean[] active = {true};
        exchange.response().withConnection(c -> active[0] = c.channel().isActive());
        return active[0];
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
        boolean aborted = ex.get(CLIENT_ABORTED) != null
                || signal == SignalType.CANCEL && !ex.response().hasSentHeaders();
        int status = aborted ? -1 : ex.response().status().code();
        metrics.recordRequest(api, method, status, nanos);
        String upstream = ex.get(UPSTREAM);
        String consumer = ex.get(AuthFilter.CONSUMER);
        TraceContext trace = ex.get(TraceFilter.TRACE);
        accessLog.log(ClientAddress.of(ex).text(), method, ex.path(), status, ex.responseBytes(), nanos, api,
                consumer == null ? "-" : consumer, upstream == null ? "-" : upstream, ex.requestId(),
                trace == null ? "-" : trace.traceId());
    }
}
