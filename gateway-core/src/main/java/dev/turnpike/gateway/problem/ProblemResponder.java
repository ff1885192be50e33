package dev.turnpike.gateway.problem;

import dev.turnpike.gateway.pipeline.Exchange;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.netty.handler.codec.http.HttpHeaderValues;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/** The one place gateway-made errors are written to the client. Cheap: no stack traces, one small JSON body. */
public final class ProblemResponder {
    private static final AsciiString X_REQUEST_ID = AsciiString.cached("x-request-id");

    private ProblemResponder() {
    }

    /** Sends a problem of {@code type} with {@code detail} as the answer to {@code exchange}. */
    public static Mono<Void> send(Exchange exchange, ProblemType type, String detail) {
        return send(exchange, type, detail, false);
    }

    /**
     * Sends a problem as the answer to {@code exchange}; with {@code close} the connection is closed afterwards
     * (framing errors, request bodies left unread).
     */
    public static Mono<Void> send(Exchange exchange, ProblemType type, String detail, boolean close) {
        Problem problem = new Problem(type, detail, exchange.requestId());
        byte[] body = problem.toJson();
        exchange.addResponseBytes(body.length);
        return write(exchange.response(), type, body, close);
    }

    /**
     * Sends the problem {@code failure} stands for as the answer to {@code exchange}, with its {@code Retry-After}
     * when it has one, closing the connection afterwards when it says so.
     */
    public static Mono<Void> send(Exchange exchange, ProblemException failure) {
        if (failure.retryAfterSeconds() >= 0) {
            exchange.response().responseHeaders().set(HttpHeaderNames.RETRY_AFTER, Long.toString(failure.retryAfterSeconds()));
        }
        return send(exchange, failure.type(), failure.detail(), failure.closeConnection());
    }

    /**
     * Sends {@code problem} on {@code response}; with {@code close} the connection is closed afterwards (framing
     * errors, bodies left unread).
     */
    public static Mono<Void> send(HttpServerResponse response, Problem problem, boolean close) {
        return write(response, problem.type(), problem.toJson(), close);
    }

    /**
     * {@code problem} as a complete Netty response for handlers below Reactor Netty (decoder failures), closing the
     * connection, with its request id in {@code X-Request-Id}.
     */
    public static FullHttpResponse fullResponse(Problem problem) {
        byte[] body = problem.toJson();
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, problem.type().status(),
                Unpooled.wrappedBuffer(body));
        headers(response.headers(), body.length);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE).set(X_REQUEST_ID, problem.instance());
        return response;
    }

    private static Mono<Void> write(HttpServerResponse response, ProblemType type, byte[] body, boolean close) {
        response.status(type.status());
        headers(response.responseHeaders(), body.length);
        if (close) {
            response.keepAlive(false);
        }
        return response.sendByteArray(Mono.just(body)).then();
    }

    private static void headers(HttpHeaders headers, int length) {
        headers.set(HttpHeaderNames.CONTENT_TYPE, Problem.CONTENT_TYPE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, length)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
    }
}
