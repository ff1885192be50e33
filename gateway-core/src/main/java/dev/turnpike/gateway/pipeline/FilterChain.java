package dev.turnpike.gateway.pipeline;

import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The rest of the pipeline after the current filter. Immutable: one chain object per position is created up front,
 * so passing a request on allocates nothing.
 */
public final class FilterChain {
    private final GatewayFilter filter;
    private final FilterChain next;

    private FilterChain(GatewayFilter filter, FilterChain next) {
        this.filter = filter;
        this.next = next;
    }

    /**
     * The chain running {@code filters} in order. The last filter must answer every request it gets (the proxy does);
     * a request that falls off the end is a programming error and fails with {@link IllegalStateException}.
     */
    public static FilterChain of(List<GatewayFilter> filters) {
        FilterChain chain = new FilterChain(null, null);
        for (int i = filters.size() - 1; i >= 0; i--) {
            chain = new FilterChain(filters.get(i), chain);
        }
        return chain;
    }

    /** Runs the next filter on {@code exchange}. */
    public Mono<Void> next(Exchange exchange) {
        if (filter == null) {
            return Mono.error(new IllegalStateException("no filter answered " + exchange));
        }
        return filter.filter(exchange, next);
    }
}
