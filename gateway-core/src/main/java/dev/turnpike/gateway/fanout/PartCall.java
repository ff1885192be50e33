package dev.turnpike.gateway.fanout;

import dev.turnpike.gateway.consumers.ConsumerDirectory;
import dev.turnpike.gateway.problem.ProblemException;
import dev.turnpike.gateway.problem.ProblemType;
import dev.turnpike.gateway.routing.ApiRoute;
import dev.turnpike.gateway.upstream.CallContext;
import dev.turnpike.gateway.upstream.UpstreamCaller;
import dev.turnpike.gateway.upstream.UpstreamRequest;
import dev.turnpike.gateway.upstream.UpstreamResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Mono;

/**
 * One ordinary upstream call made on a client's behalf (a composite part, a batch item): the plan's limit is taken
 * ({@link Door#throttle}), the call goes through the one {@link UpstreamCaller} with its API's policies, the body is
 * read whole up to a size limit, the call is counted in the consumer's usage. Never fails: the result says what
 * went wrong.
 *
 * <p>A call cancelled or timed out before its response closes the try's connection (the call layer does); a body
 * cancelled, over the limit or timed out part-way is cancelled, which closes its connection rather than returning a
 * half-read one to the pool.
 */
public final class PartCall {
    private final UpstreamCaller caller;
    private final Door door;
    private final long bodyLimit;

    /** What one call ended with: the upstream's answer, or the problem it failed with. */
    record Result(int status, HttpHeaders headers, byte[] body, String address, ProblemException failure) {
        static Result failed(ProblemException failure) {
            return new Result(failure.type().status().code(), null, null, null, failure);
        }

        boolean ok() {
            return failure == null;
        }
    }

    /** Calls through {@code caller}, admitting with {@code door}, reading bodies up to {@code bodyLimit} bytes. */
    public PartCall(UpstreamCaller caller, Door door, long bodyLimit) {
        this.caller = caller;
        this.door = door;
        this.bodyLimit = bodyLimit;
    }

    /**
     * Calls {@code route}'s API.
     *
     * @param publicPath the path as a direct call would send it to the gateway (the API's base path and the route's)
     * @param query      raw query without {@code ?}, or empty
     * @param body       the request body, or {@code null}
     * @param timeout    the deadline of the whole call, body included
     */
    Mono<Result> call(Door.Caller who, ConsumerDirectory.Access access, ApiRoute route, HttpMethod method,
                      String publicPath, String query, HttpHeaders headers, byte[] body, Duration timeout,
                      String requestId) {
        String target = route.upstreamPath(publicPath) + (query.isEmpty() ? "" : "?" + query);
        if (body != null) {
            headers.set("content-length", body.length);
        }
        UpstreamRequest request = new UpstreamRequest(method, target, headers,
                body == null ? null : Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)));
        String api = route.api().id();
        if (timeout.isZero() || timeout.isNegative()) {
            return Mono.just(Result.failed(timedOut(Duration.ZERO)));
        }
        return door.throttle(access)
                .then(Mono.defer(() -> caller.call(route, request, new CallContext(requestId))))
                .flatMap(this::read)
                .timeout(timeout)
                .onErrorResume(e -> Mono.just(Result.failed(problem(e, timeout))))
                .doOnNext(r -> door.record(who, api, r.status()));
    }

    private Mono<Result> read(UpstreamResponse response) {
        HttpResponseStatus status = response.status();
        return response.body()
                .collect(ByteArrayOutputStream::new, this::append)
                .map(out -> new Result(status.code(), response.headers(), out.toByteArray(), response.address(), null));
    }

    private void append(ByteArrayOutputStream out, ByteBuf buf) {
        try {
            int n = buf.readableBytes();
            if (out.size() + (long) n > bodyLimit) {
                throw new ProblemException(ProblemType.UPSTREAM_FAILED, "its body is over the limit of " + bodyLimit
                        + " bytes");
            }
            byte[] bytes = new byte[n];
            buf.readBytes(bytes);
            out.write(bytes, 0, n);
        } finally {
            buf.release();
        }
    }

    private static ProblemException problem(Throwable e, Duration timeout) {
        if (e instanceof TimeoutException) {
            return timedOut(timeout);
        }
        if (e instanceof ProblemException p) {
            return p;
        }
        return new ProblemException(ProblemType.UPSTREAM_FAILED, "the call failed: " + e, -1, false, e);
    }

    private static ProblemException timedOut(Duration timeout) {
        return new ProblemException(ProblemType.UPSTREAM_TIMEOUT, "no answer within " + timeout.toMillis() + " ms");
    }
}
