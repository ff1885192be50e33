package dev.turnpike.loadtest.jmh;

import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.Lifecycle;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.Target;
import dev.turnpike.registry.model.UpstreamPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The catalog shape of the snapshot benchmarks: {@code n} APIs {@code api{i}} under {@code /api{i}}, each with
 * {@link #ROUTES_PER_API} routes — three static ({@code /items}, {@code /search}, {@code /status}), the rest
 * templated with one or two parameters — all forwarding to one pool.
 */
final class BenchApis {
    /** Routes every API has. */
    static final int ROUTES_PER_API = 10;

    private static final List<Route> ROUTES = List.of(
            new Route("GET", "/items"),
            new Route("POST", "/items"),
            new Route("GET", "/items/{id}"),
            new Route("PUT", "/items/{id}"),
            new Route("DELETE", "/items/{id}"),
            new Route("GET", "/items/{id}/parts"),
            new Route("GET", "/items/{id}/parts/{part}"),
            new Route("GET", "/orders/{order}/lines/{line}"),
            new Route("GET", "/search"),
            new Route("GET", "/status"));

    private BenchApis() {
    }

    /** The pool every API targets. */
    static UpstreamPool pool() {
        return UpstreamPool.of("stub", List.of(new Instance("127.0.0.1", 18080, 1)));
    }

    /** API {@code i} with the standard routes. */
    static Api api(int i) {
        return new Api("api" + i, "API " + i, "v1", "bench-team", "", Optional.empty(), "/api" + i, "/",
                Lifecycle.ACTIVE, List.of(new Target("stub", 1)), ROUTES);
    }

    /** API {@code i} changed: one route's path differs, the other nine are the same. */
    static Api changed(int i, int generation) {
        List<Route> routes = new ArrayList<>(ROUTES);
        routes.set(ROUTES_PER_API - 1, new Route("GET", "/status/g" + generation));
        return new Api("api" + i, "API " + i, "v1", "bench-team", "", Optional.empty(), "/api" + i, "/",
                Lifecycle.ACTIVE, List.of(new Target("stub", 1)), routes);
    }

    /** {@code n} APIs. */
    static List<Api> apis(int n) {
        List<Api> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(api(i));
        }
        return list;
    }

    /** The catalog of {@code apis}. */
    static Catalog catalog(List<Api> apis) {
        return new Catalog(apis, List.of(pool()));
    }
}
