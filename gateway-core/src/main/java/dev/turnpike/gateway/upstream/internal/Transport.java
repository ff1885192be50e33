package dev.turnpike.gateway.upstream.internal;

import dev.turnpike.gateway.problem.ProblemException;
import dev.turnpike.gateway.upstream.ConnectFailedException;
import dev.turnpike.gateway.upstream.HopByHopHeaders;
import dev.turnpike.gateway.upstream.NoHealthyInstanceException;
import dev.turnpike.gateway.upstream.OverloadedException;
import dev.turnpike.gateway.upstream.UpstreamClients;
import dev.turnpike.gateway.upstream.UpstreamException;
import dev.turnpike.gateway.upstream.UpstreamRequest;
import dev.turnpike.gateway.upstream.UpstreamResetException;
import dev.turnpike.gateway.upstream.UpstreamResponse;
import dev.turnpike.gateway.upstream.UpstreamTimeoutException;
import dev.turnpike.gateway.upstream.UpstreamTlsException;
import dev.turnpike.throttling.ConcurrencyLimitRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.timeout.ReadTimeoutException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Sends one try over Reactor Netty and hands back the response as soon as its headers are in, its body still on the
 * wire. The exchange stays subscribed until the body was read or the response released, so Reactor Netty returns the
 * connection to its pool only after a complete body; a try cancelled before its headers (the deadline) closes its
 * connection.
 */
final class Transport {
    private Transport() {
    }

    /** Sends {@code request} to {@code attempt}'s endpoint with {@code http}; {@code body} is its body or null. */
    static Mono<UpstreamResponse> send(UpstreamClients.PoolClient client, HttpClient http, Attempt attempt,
                                       UpstreamRequest request, Publisher<ByteBuf> body,
                                       ConcurrencyLimitRegistry limits) {
        String address = attempt.endpoint().address();
        Flux<UpstreamResponse> exchange = http.request(request.method())
                .uri(client.scheme() + address + request.pathAndQuery())
                .send((out, outbound) -> {
                    out.headers(request.headers());
                    return body == null ? outbound : outbound.send(body);
                })
                .responseConnection((response, connection) -> {
                    HttpHeaders headers = response.responseHeaders();
                    HopByHopHeaders.strip(headers);
                    UpstreamResponse answer = new UpstreamResponse(response.status(), headers, address, connection);
                    attempt.responded(response.status().code());
                    return Mono.just(answer).concatWith(answer.done().then(Mono.empty()));
                });
        String poolId = attempt.pool().id();
        return Mono.create(sink -> {
            if (client.tlsProblem().isPresent()) {
                sink.error(UpstreamTlsException.unusableSettings(poolId, client.tlsProblem().get()));
                return;
            }
            if (!attempt.start(limits)) {
                sink.error(OverloadedException.pool(poolId));
                return;
            }
            boolean[] answered = new boolean[1];
            Disposable exchanging = exchange.doFinally(signal -> attempt.end()).subscribe(
                    answer -> {
                        answered[0] = true;
                        sink.success(answer);
                    },
                    error -> {
                        if (!answered[0]) {
                            Throwable failure = classify(error, poolId, address);
                            attempt.failed(failure);
                            sink.error(failure);
                        }
                    });
            sink.onCancel(() -> {
                attempt.cancelled();
                exchanging.dispose();
            });
        });
    }

    /** What {@code error} of a try towards {@code address} means, as a typed failure. */
    static Throwable classify(Throwable error, String poolId, String address) {
        if (error instanceof ProblemException) {
            return error;
        }
        Throwable e = error;
        if (UpstreamTlsException.isTls(error)) {
            return UpstreamTlsException.handshake(poolId, address, error);
        }
        for (int depth = 0; e != null && depth < 5; depth++, e = e.getCause()) {
            if (e instanceof ConnectTimeoutException) {
                return new ConnectFailedException(poolId, address, true, error);
            }
            if (e instanceof ConnectException || e instanceof NoRouteToHostException
                    || e instanceof UnknownHostException) {
                return new ConnectFailedException(poolId, address, false, error);
            }
            if (e instanceof ReadTimeoutException || e instanceof TimeoutException) {
                return new UpstreamTimeoutException(poolId, address, error);
            }
            if (e instanceof PrematureCloseException) {
                return new UpstreamResetException(poolId, address, error);
            }
            // reactor-netty shades reactor-pool; match its acquire failures by name rather than by an internal type.
            if (e.getClass().getSimpleName().startsWith("PoolAcquire")) {
                return NoHealthyInstanceException.noConnection(poolId, address, error);
            }
            if (e instanceof ProblemException) {
                return e;
            }
        }
        return error instanceof UpstreamException ? error : new UpstreamResetException(poolId, address, error);
    }
}
