package dev.turnpike.gateway.server;

import dev.turnpike.gateway.pipeline.ClientAddress;
import dev.turnpike.gateway.pipeline.Exchange;
import dev.turnpike.gateway.pipeline.FilterChain;
import dev.turnpike.gateway.problem.ProblemResponder;
import dev.turnpike.gateway.problem.ProblemType;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.util.AsciiString;
import java.util.function.BiFunction;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The public listener's handler: turns each request into an {@link Exchange} (request id, checked and normalized
 * target, host, and the {@link Refusal} when the request is refused at the door) and runs the filter chain. An
 * unexpected error becomes a 500 problem (logged once, here) if nothing was sent yet.
 */
final class GatewayHandler implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {
    private static final Logger log = LoggerFactory.getLogger(GatewayHandler.class);
    static final AsciiString X_REQUEST_ID = AsciiString.cached("x-request-id");

    private final FilterChain chain;
    private final ClientAddressResolver clients;

    GatewayHandler(FilterChain chain, ClientAddressResolver clients) {
        this.chain = chain;
        this.clients = clients;
    }

    @Override
    public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
        long start = System.nanoTime();
        if (request.version().majorVersion() != 1) {
            // Only the HTTP/1.1 door handler sets the marker; on HTTP/2 it can only come from the client.
            request.requestHeaders().remove(DecodeFailureHandler.REFUSAL);
        }
        Refusal refusal = DecodeFailureHandler.refusalOf(request.requestHeaders().get(DecodeFailureHandler.REFUSAL));
        String requestId = refusal == null ? RequestIds.accept(request.requestHeaders().get(X_REQUEST_ID))
                : RequestIds.generate();
        response.header(X_REQUEST_ID, requestId);
        RequestTarget target = null;
        if (refusal == null) {
            try {
                target = RequestTarget.check(request.uri());
            } catch (Refusal.RefusedException e) {
                refusal = e.refusal();
            }
        }
        String host = refusal == null ? request.requestHeaders().get(HttpHeaderNames.HOST, "") : "";
        Exchange exchange = new Exchange(request, response, requestId, host,
                target == null ? "-" : target.path(), target == null ? "" : target.query(), start);
        exchange.put(ClientAddress.KEY, clients.resolve(request.remoteAddress(), request.requestHeaders()));
        if (refusal != null) {
            exchange.put(RequestGuardFilter.REFUSAL, refusal);
        } else if (target.encodedSlash()) {
            exchange.put(RequestGuardFilter.ENCODED_SLASH, Boolean.TRUE);
        }
        return chain.next(exchange).onErrorResume(error -> {
            log.error("Request {} failed inside the gateway", exchange, error);
            if (response.hasSentHeaders()) {
                return Mono.fromRunnable(() -> response.withConnection(Connection::dispose));
            }
            return ProblemResponder.send(exchange, ProblemType.INTERNAL_ERROR,
                    "The gateway failed to handle the request; quote the request id to its operators", true);
        });
    }
}
