package dev.turnpike.gateway.proxy;

import dev.turnpike.gateway.observe.ObserveFilter;
import dev.turnpike.gateway.pipeline.Exchange;
import dev.turnpike.gateway.pipeline.FilterChain;
import dev.turnpike.gateway.pipeline.GatewayFilter;
import dev.turnpike.gateway.routing.ApiRoute;
import dev.turnpike.gateway.routing.RoutingFilter;
import dev.turnpike.gateway.upstream.CallContext;
import dev.turnpike.gateway.upstream.HopByHopHeaders;
import dev.turnpike.gateway.upstream.UpstreamCaller;
import dev.turnpike.gateway.upstream.UpstreamException;
import dev.turnpike.gateway.upstream.UpstreamRequest;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.function.IntSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;
import reactor.netty.http.server.HttpServerRequest;

/**
 * The last filter: turns the client's request into an {@link UpstreamRequest} for the route's API and makes the call
 * through the {@link UpstreamCaller}; the response (its body still streaming) is left on the exchange for the
 * filters on the way back and the edge of the pipeline, which writes it. Failures travel on as typed exceptions.
 *
 * <p>The request keeps its framing (length, chunked or none) and streams without being buffered whole; each
 * {@link ByteBuf} is retained once to cross to the upstream connection and released by it. Hop-by-hop headers are
 * removed and forwarding headers set from what the gateway saw. The body is limited to the API's
 * {@code policies.bodyLimit} (at most the node's {@code limits.maxBodySize}): 413 before reading when
 * {@code Content-Length} says so, mid-stream otherwise.
 */
public final class ProxyFilter implements GatewayFilter {
    private final UpstreamCaller caller;
    private final long maxBodySize;
    private final String scheme;
    private final IntSupplier listenerPort;

    /**
     * @param maxBodySize  request bodies over this many bytes are cut off with 413, whatever the API allows
     * @param scheme       the public listener's scheme, for X-Forwarded-Proto
     * @param listenerPort the public listener's port, for X-Forwarded-Port
     */
    public ProxyFilter(UpstreamCaller caller, long maxBodySize, String scheme, IntSupplier listenerPort) {
        this.caller = caller;
        this.maxBodySize = maxBodySize;
        this.scheme = scheme;
        this.listenerPort = listenerPort;
    }

    @Override
    public Mono<Void> filter(Exchange ex, FilterChain chain) {
        ApiRoute route = ex.get(RoutingFilter.ROUTE).value();
        HttpServerRequest request = ex.request();
        HttpHeaders headers = upstreamHeaders(ex, request);
        long limit = route.api().policies().bodyLimit().orElse(maxBodySize);
        limit = Math.min(limit, maxBodySize);
        boolean hasBody = hasBody(request, headers);
        if (hasBody && headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            long declared = contentLength(headers);
            if (declared > limit) {
                return Mono.error(new BodyTooLargeException(limit));
            }
            // An empty body (clients send Content-Length: 0 with GET too) is no body: nothing to stream or keep.
            hasBody = declared != 0;
        } else if (hasBody) {
            // The body streams without a known length: chunked upstream, whatever framing it arrived in.
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        String path = route.upstreamPath(ex.path());
        UpstreamRequest upstream = new UpstreamRequest(request.method(),
                ex.query().isEmpty() ? path : path + "?" + ex.query(), headers,
                hasBody ? limitedBody(request, limit) : null);
        return caller.call(route, upstream, new CallContext(ex.requestId()))
                .doOnNext(response -> {
                    ex.put(ObserveFilter.UPSTREAM, response.address());
                    ex.respondWith(response);
                })
                .doOnError(UpstreamException.class, e -> {
                    if (e.address() != null) {
                        ex.put(ObserveFilter.UPSTREAM, e.address());
                    }
                })
                .then();
    }

    private HttpHeaders upstreamHeaders(Exchange ex, HttpServerRequest request) {
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set(request.requestHeaders());
        HopByHopHeaders.strip(headers);
        headers.remove(HttpHeaderNames.HOST);
        ForwardedHeaders.set(headers, request.remoteAddress(), scheme, ex.host(), listenerPort.getAsInt());
        return headers;
    }

    /** The declared length; the request guard already refused malformed values. */
    private static long contentLength(HttpHeaders headers) {
        try {
            return Long.parseLong(headers.get(HttpHeaderNames.CONTENT_LENGTH).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
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

    private static Flux<ByteBuf> limitedBody(HttpServerRequest request, long limit) {
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
}
