package dev.turnpike.gateway.routing;

import dev.turnpike.gateway.observe.ObserveFilter;
import dev.turnpike.gateway.pipeline.ContextKey;
import dev.turnpike.gateway.pipeline.Exchange;
import dev.turnpike.gateway.pipeline.FilterChain;
import dev.turnpike.gateway.pipeline.GatewayFilter;
import dev.turnpike.gateway.problem.ProblemResponder;
import dev.turnpike.gateway.problem.ProblemType;
import dev.turnpike.registry.model.Lifecycle;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * Finds the route of a request in the live {@link RoutingSnapshot}: 404 when no route has the path, 405 (with
 * {@code Allow}) when routes have the path but not the method, 410 for a retired API or composite. Leaves an API's
 * match under {@link #ROUTE}, a composite's under {@link #COMPOSITE}, for the filters after it.
 */
public final class RoutingFilter implements GatewayFilter {
    /** The matched route. */
    public static final ContextKey<RouteMatch<ApiRoute>> ROUTE = ContextKey.named("route");
    /** The matched composite endpoint (then {@link #ROUTE} is absent). */
    public static final ContextKey<RouteMatch<CompositeRoute>> COMPOSITE = ContextKey.named("composite");

    private final RoutingState state;

    public RoutingFilter(RoutingState state) {
        this.state = state;
    }

    @Override
    public Mono<Void> filter(Exchange ex, FilterChain chain) {
        RoutingSnapshot snapshot = state.current();
        String method = ex.request().method().name();
        RouteMatch<RouteTarget> match = snapshot.route(ex.host(), method, ex.path());
        if (match == null) {
            Set<String> allowed = snapshot.allowedMethods(ex.host(), ex.path());
            if (allowed.isEmpty()) {
                return ProblemResponder.send(ex, ProblemType.NO_ROUTE, "No API route for " + method + " " + ex.path());
            }
            ex.response().header(HttpHeaderNames.ALLOW, String.join(", ", allowed));
            return ProblemResponder.send(ex, ProblemType.METHOD_NOT_ALLOWED,
                    method + " " + ex.path() + " (expected one of: " + String.join(", ", allowed) + ")");
        }
        if (match.value() instanceof CompositeRoute composite) {
            return composite(ex, chain, composite, match);
        }
        ApiRoute route = (ApiRoute) match.value();
        ex.put(ROUTE, cast(match));
        ex.put(ObserveFilter.API, route.api().id());
        if (route.api().lifecycle() == Lifecycle.RETIRED) {
            return ProblemResponder.send(ex, ProblemType.API_RETIRED, "API " + route.api().id() + " was retired");
        }
        return chain.next(ex);
    }

    private static Mono<Void> composite(Exchange ex, FilterChain chain, CompositeRoute route,
                                        RouteMatch<RouteTarget> match) {
        ex.put(COMPOSITE, cast(match));
        ex.put(ObserveFilter.API, ObserveFilter.compositeTag(route.composite().id()));
        if (route.composite().lifecycle() == Lifecycle.RETIRED) {
            return ProblemResponder.send(ex, ProblemType.API_RETIRED, "Composite " + route.composite().id()
                    + " was retired");
        }
        return chain.next(ex);
    }

    /** The match as the type its value has been checked to be. */
    @SuppressWarnings("unchecked")
    private static <T extends RouteTarget> RouteMatch<T> cast(RouteMatch<RouteTarget> match) {
        return (RouteMatch<T>) (RouteMatch<?>) match;
    }
}
