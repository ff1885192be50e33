package dev.turnpike.gateway.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;

/**
 * An upstream's answer whose body is still on the wire: status and headers (hop-by-hop headers removed; mutable,
 * so filters on the way back can decorate them before they are written) and a body to stream.
 *
 * <p><b>Ownership.</b> Whoever receives an {@code UpstreamResponse} must either subscribe to {@link #body()} once
 * (each {@link ByteBuf} it emits then belongs to the subscriber, which releases it, for example by writing it to
 * another connection), or call {@link #release()}. Until one of them ends, the upstream connection stays taken.
 * A body read to its end returns the connection to its pool; a body cancelled or failed part-way, and a released
 * response, close it.
 *
 * <pre>{@code
 * caller.call(route, request, context)
 *       .flatMap(r -> r.body().map(buf -> { try { return buf.toString(UTF_8); } finally { buf.release(); } })
 *                             .collect(Collectors.joining()));
 * }</pre>
 *
 * <p>Thread-safe for {@link #body()} and {@link #release()}; headers are not synchronised (touch them from the
 * request's thread).
 */
public final class UpstreamResponse {
    private static final int FRESH = 0;
    private static final int TAKEN = 1;
    private static final int RELEASED = 2;
    private static final AtomicIntegerFieldUpdater<UpstreamResponse> STATE =
            AtomicIntegerFieldUpdater.newUpdater(UpstreamResponse.class, "state");

    private final HttpResponseStatus status;
    private final HttpHeaders headers;
    private final String address;
    private final Connection connection;
    private final Sinks.Empty<Void> done = Sinks.empty();
    private volatile int state;

    /**
     * A response whose body is read from {@code connection}'s inbound; made by the call layer.
     *
     * @param address the instance that answered, {@code host:port}
     */
    public UpstreamResponse(HttpResponseStatus status, HttpHeaders headers, String address, Connection connection) {
        this.status = Objects.requireNonNull(status, "status");
        this.headers = Objects.requireNonNull(headers, "headers");
        this.address = Objects.requireNonNull(address, "address");
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /** The upstream's status. */
    public HttpResponseStatus status() {
        return status;
    }

    /** The upstream's headers, hop-by-hop ones removed; mutable. */
    public HttpHeaders headers() {
        return headers;
    }

    /** The instance that answered, {@code host:port}. */
    public String address() {
        return address;
    }

    /**
     * The body, streamed: subscribe once. Each buffer belongs to the subscriber, which must release it. Reading to
     * the end returns the connection to its pool; cancelling or failing part-way closes it. A second call fails.
     */
    public Flux<ByteBuf> body() {
        if (!STATE.compareAndSet(this, FRESH, TAKEN)) {
            return Flux.error(new IllegalStateException("body: already taken or released (expected: one subscriber)"));
        }
        return connection.inbound().receive().retain().doFinally(this::bodyEnded);
    }

    /** Gives the response up without reading its body: closes the upstream connection. Idempotent. */
    public void release() {
        if (STATE.compareAndSet(this, FRESH, RELEASED)) {
            connection.dispose();
            done.tryEmitEmpty();
        }
    }

    /** Completes when the body was read to its end, failed, was cancelled, or the response was released. */
    public Mono<Void> done() {
        return done.asMono();
    }

    private void bodyEnded(SignalType signal) {
        if (signal != SignalType.ON_COMPLETE) {
            connection.dispose();
        }
        done.tryEmitEmpty();
    }

    @Override
    public String toString() {
        return status.code() + " from " + address;
    }
}
