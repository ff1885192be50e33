package dev.turnpike.gateway.proxy;

import dev.turnpike.gateway.balance.Endpoint;
import dev.turnpike.gateway.observe.ObserveFilter;
import dev.turnpike.gateway.pipeline.Exchange;
import dev.turnpike.gateway.pipeline.FilterChain;
import dev.turnpike.gateway.pipeline.GatewayFilter;
import dev.turnpike.gateway.problem.ProblemResponder;
import dev.turnpike.gateway.problem.ProblemType;
import dev.turnpike.gateway.routing.ApiRoute;
import dev.turnpike.gateway.routing.LifecycleHeaders;
import dev.turnpike.gateway.routing.PoolRuntime;
import dev.turnpike.gateway.routing.RoutingFilter;
import dev.turnpike.gateway.trace.TraceFilter;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.util.AsciiString;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The last filter: forwards the request to an instance of one of the route's pools and streams the response back.
 *
 * <p>Bodies stream in both directions without being buffered whole; each {@link ByteBuf} is retained once to
 * cross from one connection to the other and released by the connection that writes it. Hop-by-hop headers are
 * removed both ways, forwarding headers are set from what the gateway saw, and the framing of the request (length,
 * chunked or none) is kept. Failures before the response started become problems (502, 503, 504, 413); after it
 * started the client connection is closed, which is the only honest signal left.
 */
public final class ProxyFilter implements GatewayFilter {
    private static final Logger log = LoggerFactory.getLogger(ProxyFilter.class);
    private static final AsciiString X_REQUEST_ID = AsciiString.cached("x-request-id");
    private static final String VIA = "1.1 turnpike";

    private final UpstreamClients clients;
    private final long maxBodySize;
    private final String scheme;
    private final IntSupplier listenerPort;

    /**
     * @param maxBodySize  request bodies over this many bytes are cut off with 413
     * @param scheme       the public listener's scheme, for X-Forwarded-Proto
     * @param listenerPort the public listener's port, for X-Forwarded-Port
     */
    public ProxyFilter(UpstreamClients clients, long maxBodySize, String scheme, IntSupplier listenerPort) {
        this.clients = clients;
        this.maxBodySize = maxBodySize;
        this.scheme = scheme;
        this.listenerPort = listenerPort;
    }

    @Override
    public Mono<Void> filter(Exchange ex, FilterChain chain) {
        ApiRoute route = ex.get(RoutingFilter.ROUTE).value();
        PoolRuntime pool = route.pools().pick();
        Endpoint endpoint = pool.balancer().pick(System.nanoTime());
        if (endpoint == null) {
            return ProblemResponder.send(ex, ProblemType.NO_HEALTHY_INSTANCE,
                    "Every instance of upstream pool " + pool.id() + " is out of rotation");
        }
        UpstreamClients.PoolClient client = clients.get(pool.id());
        if (client == null) {
            // The snapshot and its clients are published together; this only happens if that invariant broke.
            log.error("No client for pool {} (request {})", pool.id(), ex.requestId());
            return ProblemResponder.send(ex, ProblemType.INTERNAL_ERROR, "Upstream pool " + pool.id() + " not ready");
        }
        HttpServerRequest request = ex.request();
        HttpHeaders headers = upstreamHeaders(ex, request);
        boolean hasBody = hasBody(request, headers);
        if (hasBody && !headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            // The body streams without a known length: chunked upstream, whatever framing it arrived in.
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        String address = endpoint.address();
        String uri = client.scheme() + address + route.upstreamPath(ex.path())
                + (ex.query().isEmpty() ? "" : "?" + ex.query());
        ex.put(ObserveFilter.UPSTREAM, address);
        endpoint.onStart();
        return client.http()
                .request(request.method())
                .uri(uri)
                .send((upstreamRequest, out) -> {
                    upstreamRequest.headers(headers);
                    return hasBody ? out.send(limitedBody(request)) : out;
                })
                .responseConnection((response, connection) -> respond(ex, response, connection))
                .then()
                .onErrorResume(error -> fail(ex, endpoint, pool, error))
                .doFinally(signal -> endpoint.onEnd());
    }

    private HttpHeaders upstreamHeaders(Exchange ex, HttpServerRequest request) {
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set(request.requestHeaders());
        HopByHopHeaders.strip(headers);
        headers.remove(HttpHeaderNames.HOST);
        ForwardedHeaders.set(headers, request.remoteAddress(), scheme, ex.host(), listenerPort.getAsInt());
        headers.set(X_REQUEST_ID, ex.requestId());
        ex.get(TraceFilter.TRACE).writeTo(headers); // the upstream's parent span is the gateway's
        headers.add(HttpHeaderNames.VIA, VIA);
        return headers;
    }

    /**
     * Whether the request carries a body to forward: a Content-Length or chunked framing on HTTP/1.1. HTTP/2 requests
     * need neither, so there a request without Content-Length is assumed to have a (possibly empty) body unless its
     * method normally has none.
     */
    private static boolean hasBody(HttpServerRequest request, HttpHeaders forwarded) {
        if (forwarded.contains(HttpHeaderNames.CONTENT_LENGTH)
                || request.requestHeaders().containsValue(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED, true)) {
            return true;
        }
        if (request.version().majorVersion() < 2) {
            return false;
        }
        HttpMethod m = request.method();
        return !(m.equals(HttpMethod.GET) || m.equals(HttpMethod.HEAD) || m.equals(HttpMethod.DELETE)
                || m.equals(HttpMethod.OPTIONS) || m.equals(HttpMethod.TRACE));
    }

    private Flux<ByteBuf> limitedBody(HttpServerRequest request) {
        long limit = maxBodySize;
        long[] seen = new long[1];
        return request.receive().handle((ByteBuf buf, SynchronousSink<ByteBuf> sink) -> {
            seen[0] += buf.readableBytes();
            if (seen[0] > limit) {
                sink.error(new BodyTooLargeException(limit));
            } else {
                sink.next(buf.retain());
            }
        }).onErrorMap(e -> !(e instanceof BodyTooLargeException), ClientBodyException::new);
    }

    private static Mono<Void> respond(Exchange ex, HttpClientResponse upstream, Connection connection) {
        HttpServerResponse response = ex.response();
        if (response.hasSentHeaders()) {
            // The client was already answered (a rejected body); drop the upstream exchange and its buffers.
            connection.dispose();
            return Mono.empty();
        }
        HttpHeaders upstreamHeaders = upstream.responseHeaders();
        HopByHopHeaders.strip(upstreamHeaders);
        response.status(upstream.status());
        HttpHeaders out = response.responseHeaders();
        out.add(upstreamHeaders);
        out.set(X_REQUEST_ID, ex.requestId());
        LifecycleHeaders lifecycle = ex.get(RoutingFilter.ROUTE).value().lifecycle();
        if (lifecycle.deprecated()) {
            lifecycle.addTo(out);
        }
        return response.send(connection.inbound().receive().retain()
                        .doOnNext(buf -> ex.addResponseBytes(buf.readableBytes())))
                .then();
    }

    private static Mono<Void> fail(Exchange ex, Endpoint endpoint, PoolRuntime pool, Throwable error) {
        HttpServerResponse response = ex.response();
        if (error instanceof BodyTooLargeException) {
            if (response.hasSentHeaders()) {
                return closeClient(response);
            }
            return ProblemResponder.send(ex, ProblemType.BODY_TOO_LARGE, error.getMessage(), true);
        }
        if (error instanceof ClientBodyException) {
            if (reactor.netty.channel.AbortedException.isConnectionReset(error.getCause())) {
                return Mono.error(error.getCause()); // the client went away mid-upload: counted as such (499)
            }
            if (response.hasSentHeaders() || error.getCause() instanceof reactor.netty.channel.AbortedException) {
                return closeClient(response);
            }
            return ProblemResponder.send(ex, ProblemType.MALFORMED_REQUEST,
                    "request body: invalid framing (expected: valid chunked encoding or Content-Length bytes)", true);
        }
        UpstreamFailure failure = UpstreamFailure.classify(error);
        if (failure.eject()) {
            endpoint.eject(pool.pool().settings().ejectFor(), System.nanoTime());
        }
        log.warn("Upstream {} of pool {} failed for request {}: {}", endpoint, pool.id(), ex.requestId(),
                String.valueOf(error));
        if (response.hasSentHeaders()) {
            return closeClient(response);
        }
        return ProblemResponder.send(ex, failure.type(), failure.detail(pool.id()));
    }

    private static Mono<Void> closeClient(HttpServerResponse response) {
        return Mono.fromRunnable(() -> response.withConnection(Connection::dispose));
    }
}
