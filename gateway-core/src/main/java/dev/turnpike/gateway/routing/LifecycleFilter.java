package dev.turnpike.gateway.routing;

import dev.turnpike.gateway.pipeline.Exchange;
import dev.turnpike.gateway.pipeline.FilterChain;
import dev.turnpike.gateway.pipeline.GatewayFilter;
import dev.turnpike.gateway.upstream.UpstreamResponse;
import reactor.core.publisher.Mono;

/**
 * On the way back, adds the {@link LifecycleHeaders} of a deprecated API ({@code Deprecation}, {@code Sunset},
 * {@code Link: rel="successor-version"}) to its upstream responses before they are written. Requests to other APIs
 * pass through untouched and without cost.
 */
public final class LifecycleFilter implements GatewayFilter {

    @Override
    public Mono<Void> filter(Exchange ex, FilterChain chain) {
        LifecycleHeaders lifecycle = ex.get(RoutingFilter.ROUTE).value().lifecycle();
        if (!lifecycle.deprecated()) {
            return chain.next(ex);
        }
        return chain.next(ex).doOnSuccess(done -> {
            UpstreamResponse response = ex.upstreamResponse();
            if (response != null) {
                lifecycle.addTo(response.headers());
            }
        });
    }
}
