package dev.turnpike.gateway.server;

import dev.turnpike.gateway.pipeline.Exchange;
import dev.turnpike.gateway.pipeline.FilterChain;
import dev.turnpike.gateway.pipeline.GatewayFilter;
import dev.turnpike.gateway.problem.ProblemException;
import dev.turnpike.gateway.problem.ProblemResponder;
import dev.turnpike.gateway.proxy.ClientBodyException;
import dev.turnpike.gateway.upstream.UpstreamException;
import dev.turnpike.gateway.upstream.UpstreamResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The edge of the pipeline, right after observation: once the filters are done on the way back, writes the upstream
 * response left on the exchange (status, headers as the filters left them, body streamed), and turns a typed
 * failure ({@link ProblemException}) into its problem response. This is the one place upstream failures become
 * problems and are logged.
 *
 * <p>When the response had already started, nothing honest can be sent any more: the client connection is closed.
 */
final class ResponseWriter implements GatewayFilter {
    private static final Logger log = LoggerFactory.getLogger(ResponseWriter.class);
    private static final AsciiString X_REQUEST_ID = AsciiString.cached("x-request-id");

    @Override
    public Mono<Void> filter(Exchange ex, FilterChain chain) {
        return chain.next(ex)
                .then(Mono.defer(() -> write(ex)))
                .onErrorResume(error -> fail(ex, error));
    }

    private static Mono<Void> write(Exchange ex) {
        UpstreamResponse upstream = ex.upstreamResponse();
        if (upstream == null) {
            return Mono.empty();
        }
        HttpServerResponse response = ex.response();
        if (response.hasSentHeaders()) {
            // A filter answered the client already; give the upstream exchange up.
            upstream.release();
            return Mono.empty();
        }
        response.status(upstream.status());
        HttpHeaders out = response.responseHeaders();
        out.add(upstream.headers());
        out.set(X_REQUEST_ID, ex.requestId());
        return response.send(upstream.body().doOnNext(buf -> ex.addResponseBytes(buf.readableBytes()))).then();
    }

    private static Mono<Void> fail(Exchange ex, Throwable error) {
        UpstreamResponse upstream = ex.upstreamResponse();
        if (upstream != null) {
            upstream.release();
        }
        HttpServerResponse response = ex.response();
        if (response.hasSentHeaders() || error instanceof ClientBodyException c && c.clientGone()) {
            if (!(error instanceof ProblemException)) {
                log.warn("Request {} broke off after its response started: {}", ex.requestId(), String.valueOf(error));
            }
            return Mono.fromRunnable(() -> response.withConnection(Connection::dispose));
        }
        if (!(error instanceof ProblemException problem)) {
            return Mono.error(error);
        }
        if (error instanceof UpstreamException e && e.getCause() != null) {
            log.warn("Upstream call of request {} failed ({}): {}", ex.requestId(),
                    e.address() == null ? "no instance" : e.address(), String.valueOf(e.getCause()));
        }
        return ProblemResponder.send(ex, problem);
    }
}
