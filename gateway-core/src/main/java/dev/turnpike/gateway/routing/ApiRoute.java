package dev.turnpike.gateway.routing;

import dev.turnpike.gateway.balance.WeightedSplit;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Route;

/**
 * What a matched route leads to: the API, the operation, and the weighted split over the API's pools.
 *
 * @param api   the API the route belongs to
 * @param route the operation as declared (path relative to the API's base path)
 * @param pools     the API's targets resolved to pools; shared by all routes of one API
 * @param lifecycle headers every response of a deprecated API carries
 */
public record ApiRoute(Api api, Route route, WeightedSplit<PoolRuntime> pools, LifecycleHeaders lifecycle)
        implements RouteTarget {

    /**
     * The path to send upstream for a request path this route matched: the API's base path replaced by its
     * upstream base path.
     */
    public String upstreamPath(String requestPath) {
        String base = api.basePath();
        String rest = base.length() == 1 ? requestPath : requestPath.substring(base.length());
        String upstreamBase = api.upstreamBasePath();
        if (upstreamBase.length() == 1) {
            return rest.isEmpty() ? "/" : rest;
        }
        return rest.isEmpty() ? upstreamBase : upstreamBase + rest;
    }

    /** The full template the route is matched with: base path + route path. */
    public static String fullTemplate(Api api, Route route) {
        return api.basePath().length() == 1 ? route.path() : api.basePath() + route.path();
    }
}
