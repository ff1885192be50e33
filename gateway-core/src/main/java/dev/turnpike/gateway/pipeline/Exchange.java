package dev.turnpike.gateway.pipeline;

import dev.turnpike.gateway.upstream.UpstreamResponse;
import java.util.Arrays;
import java.util.Objects;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * One request on its way through the pipeline: the Reactor Netty request and response, what the server worked out
 * before the filters ran (request id, normalized path, host), and typed values filters leave for each other.
 *
 * <p>Not thread-safe: an exchange is only touched from its connection's event loop.
 */
public final class Exchange {
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final String requestId;
    private final String host;
    private final String path;
    private final String query;
    private final long startNanos;
    private Object[] values = new Object[8];
    private long responseBytes;
    private UpstreamResponse upstreamResponse;

    /**
     * @param path  the request path, dot-segments removed, without query
     * @param query the raw query without {@code ?}, or empty
     * @param host  the Host header (may include a port), or empty
     */
    public Exchange(HttpServerRequest request, HttpServerResponse response, String requestId,
                    String host, String path, String query, long startNanos) {
        this.request = Objects.requireNonNull(request, "request");
        this.response = Objects.requireNonNull(response, "response");
        this.requestId = Objects.requireNonNull(requestId, "requestId");
        this.host = Objects.requireNonNull(host, "host");
        this.path = Objects.requireNonNull(path, "path");
        this.query = Objects.requireNonNull(query, "query");
        this.startNanos = startNanos;
    }

    public HttpServerRequest request() {
        return request;
    }

    public HttpServerResponse response() {
        return response;
    }

    /** The {@code X-Request-Id}: the client's when it sent a valid one, else generated. */
    public String requestId() {
        return requestId;
    }

    /** The Host header as sent (may include a port), or empty. */
    public String host() {
        return host;
    }

    /** Normalized path without query. */
    public String path() {
        return path;
    }

    /** Raw query string without {@code ?}, or empty. */
    public String query() {
        return query;
    }

    /** {@link System#nanoTime()} when the request arrived. */
    public long startNanos() {
        return startNanos;
    }

    /** Body bytes sent to the client so far. */
    public long responseBytes() {
        return responseBytes;
    }

    /** Counts {@code n} more body bytes sent to the client. */
    public void addResponseBytes(long n) {
        responseBytes += n;
    }

    /**
     * The upstream's answer the end of the pipeline left to be written, or {@code null} (not proxied, not yet
     * answered, or already answered by a filter). Filters see and decorate it on the way back, after
     * {@code chain.next(exchange)} completes; the edge of the pipeline writes it.
     */
    public UpstreamResponse upstreamResponse() {
        return upstreamResponse;
    }

    /** Leaves {@code response} to be written to the client once the filters on the way back are done with it. */
    public void respondWith(UpstreamResponse response) {
        this.upstreamResponse = response;
    }

    /** The value a filter stored under {@code key}, or {@code null}. */
    @SuppressWarnings("unchecked")
    public <T> T get(ContextKey<T> key) {
        int i = key.index();
        return i < values.length ? (T) values[i] : null;
    }

    /** Stores {@code value} under {@code key} for the filters after this one. */
    public <T> void put(ContextKey<T> key, T value) {
        int i = key.index();
        if (i >= values.length) {
            values = Arrays.copyOf(values, Math.max(i + 1, values.length * 2));
        }
        values[i] = value;
    }

    @Override
    public String toString() {
        return request.method() + " " + path + " (" + requestId + ")";
    }
}
