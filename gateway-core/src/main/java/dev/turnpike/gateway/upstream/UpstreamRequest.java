package dev.turnpike.gateway.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Objects;
import org.reactivestreams.Publisher;

/**
 * What to send upstream: method, the path and query on the upstream side, headers as they should arrive (hop-by-hop
 * headers already removed, forwarding headers set by the caller) and an optional streamed body.
 *
 * <p>The body is subscribed at most once, when a connection to an instance is ready. Each {@link ByteBuf} it emits
 * is handed to the transport, which releases it after writing. A try that failed before the body was subscribed
 * (no connection, refused by the circuit breaker or a limit) can be followed by another try with the same body; once
 * the body was subscribed, the request is never tried again (the body is not kept).
 *
 * @param method        the HTTP method
 * @param pathAndQuery  the path on the upstream, with {@code ?query} when there is one
 * @param headers       the headers to send; the call layer adds {@code X-Request-Id} and {@code Via}
 * @param body          the body, or {@code null} for none; set {@code Content-Length} or
 *                      {@code Transfer-Encoding: chunked} in {@code headers} to match
 */
public record UpstreamRequest(HttpMethod method, String pathAndQuery, HttpHeaders headers,
                              Publisher<ByteBuf> body) {
    public UpstreamRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        Objects.requireNonNull(headers, "headers");
        if (pathAndQuery.isEmpty() || pathAndQuery.charAt(0) != '/') {
            throw new IllegalArgumentException("pathAndQuery: \"" + pathAndQuery + "\" (expected: starts with /)");
        }
    }
}
