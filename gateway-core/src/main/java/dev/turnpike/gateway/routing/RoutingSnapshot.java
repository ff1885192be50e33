package dev.turnpike.gateway.routing;

import dev.turnpike.gateway.balance.Endpoint;
import dev.turnpike.gateway.balance.LoadBalancer;
import dev.turnpike.gateway.balance.OutlierDetector;
import dev.turnpike.gateway.balance.WeightedSplit;
import dev.turnpike.gateway.consumers.ConsumerDirectory;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.Target;
import dev.turnpike.registry.model.UpstreamPool;
import dev.turnpike.registry.store.VersionedCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything the data plane reads, precomputed from one catalog version: the route table, the pools with their
 * balancers, and the consumer directory (keys by hash, subscriptions). Immutable; built off the event loop and
 * published through {@link RoutingState}.
 *
 * <pre>{@code
 * RoutingSnapshot s = RoutingSnapshot.build(new VersionedCatalog(1, catalog));
 * RouteMatch<ApiRoute> m = s.match("api.example.com", "GET", "/products/v1/items/7");
 * }</pre>
 */
public final class RoutingSnapshot {
    /** A snapshot with no routes, served until the first catalog is loaded. */
    public static final RoutingSnapshot EMPTY = build(new VersionedCatalog(0, Catalog.EMPTY));

    private final VersionedCatalog versioned;
    private final GroupedRouteTable<ApiRoute> routes;
    private final Map<String, PoolRuntime> pools;
    private final ConsumerDirectory consumers;
    /** The successor of every deprecated API that names one: whose headers change with another API's base path. */
    private final Map<String, String> successorOf;

    private RoutingSnapshot(VersionedCatalog versioned, GroupedRouteTable<ApiRoute> routes,
                            Map<String, PoolRuntime> pools, ConsumerDirectory consumers,
                            Map<String, String> successorOf) {
        this.versioned = versioned;
        this.routes = routes;
        this.pools = pools;
        this.consumers = consumers;
        this.successorOf = successorOf;
    }

    /** Builds a snapshot with fresh endpoints. */
    public static RoutingSnapshot build(VersionedCatalog catalog) {
        return build(catalog, null);
    }

    /**
     * Builds a snapshot, reusing what {@code previous} compiled for everything that did not change: the pool
     * runtime (balancer and endpoints, with their in-flight counts and ejections) of every pool equal to before,
     * the endpoint of every unchanged instance of a changed pool, and the routes of every API that is equal to
     * before (identity checked first, then equality) and whose pools and lifecycle headers are the same objects
     * and values. When only some APIs changed, only the parts of the route trie under their first path segments
     * are rebuilt ({@link GroupedRouteTable}); the result matches exactly like a snapshot built from scratch.
     *
     * @param previous the live snapshot, or {@code null} to build from scratch
     * @throws IllegalArgumentException if two routes conflict
     */
    public static RoutingSnapshot build(VersionedCatalog versioned, RoutingSnapshot previous) {
        Catalog catalog = versioned.catalog();
        Map<String, PoolRuntime> pools = pools(catalog, previous);
        if (previous != null) {
            RoutingSnapshot next = incremental(versioned, previous, pools);
            if (next != null) {
                return next;
            }
        }
        Map<String, List<Leaf<ApiRoute>>> groups = new LinkedHashMap<>(catalog.apis().size() * 4 / 3 + 1);
        for (Api api : catalog.apis()) {
            groups.put(api.id(), leaves(api, pools, catalog::api));
        }
        return new RoutingSnapshot(versioned, GroupedRouteTable.build(groups), pools,
                ConsumerDirectory.build(versioned), ApiChanges.successorOf(catalog.apis()));
    }

    /**
     * The next snapshot as an update of {@code previous}, or {@code null} when building from scratch is the better
     * way: when many APIs changed (an update costs about as much per changed API as a cold build does), or when
     * the changed routes clash (so the error names the routes the way a cold build does).
     */
    private static RoutingSnapshot incremental(VersionedCatalog versioned, RoutingSnapshot previous,
                                               Map<String, PoolRuntime> pools) {
        Catalog catalog = versioned.catalog();
        ApiChanges changes = ApiChanges.find(previous, previous.routes, previous.successorOf, catalog, pools,
                Math.max(64, catalog.apis().size() / 4));
        if (changes == null) {
            return null;
        }
        Map<String, List<Leaf<ApiRoute>>> put = new LinkedHashMap<>();
        for (Api api : changes.changed()) {
            put.put(api.id(), leaves(api, pools, catalog::api));
        }
        try {
            GroupedRouteTable<ApiRoute> routes = put.isEmpty() && changes.removed().isEmpty()
                    ? previous.routes : previous.routes.update(changes.removed(), put);
            return new RoutingSnapshot(versioned, routes, pools,
                    ConsumerDirectory.update(versioned, previous.consumers, changes.changed(), changes.removed()),
                    changes.successorOf());
        } catch (IllegalArgumentException clash) {
            return null;
        }
    }

    /** The API's routes as trie leaves, sharing one split and one set of lifecycle headers. */
    private static List<Leaf<ApiRoute>> leaves(Api api, Map<String, PoolRuntime> pools,
                                               Function<String, Api> apisById) {
        List<PoolRuntime> targets = new ArrayList<>(api.targets().size());
        int[] weights = new int[api.targets().size()];
        for (int i = 0; i < weights.length; i++) {
            Target t = api.targets().get(i);
            targets.add(pools.get(t.pool()));
            weights[i] = t.weight();
        }
        WeightedSplit<PoolRuntime> split = WeightedSplit.of(targets, weights);
        LifecycleHeaders lifecycle = LifecycleHeaders.of(api, apisById);
        String host = RouteTable.hostKey(api.host());
        List<Leaf<ApiRoute>> leaves = new ArrayList<>(api.routes().size());
        for (Route route : api.routes()) {
            leaves.add(Leaf.of(host, route.method(), ApiRoute.fullTemplate(api, route),
                    new ApiRoute(api, route, split, lifecycle)));
        }
        return leaves;
    }

    /** Pool runtimes: {@code previous}'s for every pool equal to before, else new ones reusing endpoints. */
    private static Map<String, PoolRuntime> pools(Catalog catalog, RoutingSnapshot previous) {
        Map<String, PoolRuntime> pools = new HashMap<>();
        for (UpstreamPool pool : catalog.pools()) {
            PoolRuntime old = previous == null ? null : previous.pools.get(pool.id());
            if (old != null && (old.pool() == pool || old.pool().equals(pool))) {
                pools.put(pool.id(), old);
                continue;
            }
            List<Endpoint> endpoints = new ArrayList<>(pool.instances().size());
            for (Instance instance : pool.instances()) {
                endpoints.add(reuse(old, instance));
            }
            pools.put(pool.id(), new PoolRuntime(pool, endpoints, LoadBalancer.create(pool.balancer(), endpoints),
                    OutlierDetector.of(pool.settings().ejectFor(), pool.outliers(), endpoints)));
        }
        return Map.copyOf(pools);
    }

    /**
     * Why {@code catalog} cannot be served (its routes conflict, e.g. two APIs' templates that differ only in
     * parameter names), or empty when it can. For validating a catalog before it is stored.
     */
    public static Optional<String> problem(Catalog catalog) {
        return problem(catalog, null);
    }

    /**
     * {@link #problem(Catalog)} for a change to {@code live}: builds incrementally on it (cost of the change, not of
     * the catalog). Nothing is published and {@code live} is not changed.
     */
    public static Optional<String> problem(Catalog catalog, RoutingSnapshot live) {
        try {
            build(new VersionedCatalog(live == null ? 0 : live.version() + 1, catalog), live);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static Endpoint reuse(PoolRuntime old, Instance instance) {
        if (old != null) {
            for (Endpoint e : old.endpoints()) {
                if (e.instance().equals(instance)) {
                    return e;
                }
            }
        }
        return new Endpoint(instance);
    }

    /** The route for this request, or {@code null}. Never blocks; cost independent of the number of routes. */
    public RouteMatch<ApiRoute> match(String host, String method, String path) {
        return routes.table().match(host, method, path);
    }

    /** Methods that would match {@code path}, for a 405 answer; empty if no route has this path. */
    public Set<String> allowedMethods(String host, String path) {
        return routes.table().allowedMethods(host, path);
    }

    /** The compiled routes of the API with this id, or {@code null}; for tests of what an update reuses. */
    List<Leaf<ApiRoute>> routesOf(String apiId) {
        return routes.group(apiId);
    }

    /** The pool with this id, or {@code null}. */
    public PoolRuntime pool(String id) {
        return pools.get(id);
    }

    /** All pools by id. */
    public Map<String, PoolRuntime> pools() {
        return pools;
    }

    /** The catalog version this snapshot was built from. */
    public long version() {
        return versioned.version();
    }

    /** The catalog this snapshot was built from. */
    public Catalog catalog() {
        return versioned.catalog();
    }

    /** The catalog and API keys this snapshot was built from, as the store returned them. */
    public VersionedCatalog versioned() {
        return versioned;
    }

    /** API keys, consumers and subscriptions of this catalog version. */
    public ConsumerDirectory consumers() {
        return consumers;
    }

    /** Number of routes. */
    public int routeCount() {
        return routes.table().size();
    }
}
