package dev.turnpike.gateway.routing;

/**
 * What a route of the {@link RoutingSnapshot} leads to: an API operation ({@link ApiRoute}) or a composite (fan-out)
 * endpoint ({@link CompositeRoute}). Both live in one route table, so a composite's public path clashes with an API
 * route exactly as two API routes clash.
 */
public sealed interface RouteTarget permits ApiRoute, CompositeRoute {
}
