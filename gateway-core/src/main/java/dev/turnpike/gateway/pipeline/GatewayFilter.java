package dev.turnpike.gateway.pipeline;

import reactor.core.publisher.Mono;

/**
 * One step of the request pipeline. A filter either answers the request itself (returning the response's
 * completion) or passes it on with {@code chain.next(exchange)}, possibly acting on the way back.
 *
 * <p>Filters run on the Netty event loop: they must not block. They are shared by all requests, so they must be
 * thread-safe; per-request state lives on the {@link Exchange}.
 */
@FunctionalInterface
public interface GatewayFilter {

    /** Handles {@code exchange}, usually by calling {@code chain.next(exchange)}. */
    Mono<Void> filter(Exchange exchange, FilterChain chain);
}
