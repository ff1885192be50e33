package dev.turnpike.gateway.problem;

import dev.turnpike.gateway.pipeline.Exchange;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/** The one place gateway-made errors are written to the client. Cheap: no stack traces, one small JSON body. */
public final class ProblemResponder {

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
     * Sends {@code problem} on {@code response}; with {@code close} the connection is closed afterwards (framing
     * errors, bodies left unread).
     */
    public static Mono<Void> send(HttpServerResponse response, Problem problem, boolean close) {
        return write(response, problem.type(), problem.toJson(), close);
    }

    private static Mono<Void> write(HttpServerResponse response, ProblemType type, byte[] body, boolean close) {
        response.status(type.status())
                .header(HttpHeaderNames.CONTENT_TYPE, Problem.CONTENT_TYPE)
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
                .header(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        if (close) {
            response.keepAlive(false);
        }
        return response.sendByteArray(Mono.just(body)).then();
    }
}
