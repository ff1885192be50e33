package dev.turnpike.gateway.routing;

import dev.turnpike.gateway.balance.Endpoint;
import dev.turnpike.gateway.balance.LoadBalancer;
import dev.turnpike.gateway.balance.OutlierDetector;
import dev.turnpike.gateway.balance.WeightedSplit;
import dev.turnpike.gateway.consumers.ConsumerDirectory;
import dev.turnpike.registry.model.EncodedSlashes;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Composite;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.Target;
import dev.turnpike.registry.model.UpstreamPool;
import dev.turnpike.registry.store.VersionedCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
    private final GroupedRouteTable<RouteTarget> routes;
    private final Map<String, PoolRuntime> pools;
    private final ConsumerDirectory consumers;
    /** The successor of every deprecated API that names one: whose headers change with another API's base path. */
    private final Map<String, String> successorOf;

    private RoutingSnapshot(VersionedCatalog versioned, GroupedRouteTable<RouteTarget> routes,
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
        Map<String, List<Leaf<RouteTarget>>> groups = new LinkedHashMap<>(catalog.apis().size() * 4 / 3 + 1);
        for (Api api : catalog.apis()) {
            groups.put(api.id(), leaves(api, pools, catalog::api));
        }
        for (Composite composite : catalog.composites()) {
            groups.put(compositeGroup(composite.id()), List.of(leaf(CompositeRoute.plan(composite, catalog))));
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
        Map<String, List<Leaf<RouteTarget>>> put = new LinkedHashMap<>();
        for (Api api : changes.changed()) {
            put.put(api.id(), leaves(api, pools, catalog::api));
        }
        Set<String> removed = new HashSet<>(changes.removed());
        compositeChanges(previous, catalog, put, removed);
        try {
            GroupedRouteTable<RouteTarget> routes = put.isEmpty() && removed.isEmpty()
                    ? previous.routes : previous.routes.update(removed, put);
            return new RoutingSnapshot(versioned, routes, pools,
                    ConsumerDirectory.update(versioned, previous.consumers, changes.changed(), changes.removed()),
                    changes.successorOf());
        } catch (IllegalArgumentException clash) {
            return null;
        }
    }

    /**
     * Adds to {@code put} the composites that are new or changed, or whose APIs changed, and to {@code removed} those
     * that are gone: composites are few, so all of them are compared (cheaply: identity first).
     */
    private static void compositeChanges(RoutingSnapshot previous, Catalog catalog,
                                         Map<String, List<Leaf<RouteTarget>>> put, Set<String> removed) {
        Catalog before = previous.catalog();
        if (catalog.composites() == before.composites() && catalog.composites().isEmpty()) {
            return;
        }
        for (Composite composite : catalog.composites()) {
            List<Leaf<RouteTarget>> old = previous.routes.group(compositeGroup(composite.id()));
            if (old == null || !((CompositeRoute) old.get(0).value()).holdsFor(composite, catalog)) {
                put.put(compositeGroup(composite.id()), List.of(leaf(CompositeRoute.plan(composite, catalog))));
            }
        }
        for (Composite gone : before.composites()) {
            if (catalog.composite(gone.id()) == null) {
                removed.add(compositeGroup(gone.id()));
            }
        }
    }

    /** The group of a composite's route: API ids are slugs, so they never have a space. */
    private static String compositeGroup(String id) {
        return "composite " + id;
    }

    /** A composite's public route: any host. */
    private static Leaf<RouteTarget> leaf(CompositeRoute route) {
        Composite c = route.composite();
        return Leaf.of(RouteTable.ANY_HOST, c.method(), c.path(), route);
    }

    /** The API's routes as trie leaves, sharing one split and one set of lifecycle headers. */
    private static List<Leaf<RouteTarget>> leaves(Api api, Map<String, PoolRuntime> pools,
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
        List<Leaf<RouteTarget>> leaves = new ArrayList<>(api.routes().size());
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

    /**
     * The API route for this request, or {@code null} (also when the request is a composite's). Never blocks; cost
     * independent of the number of routes.
     */
    @SuppressWarnings("unchecked")
    public RouteMatch<ApiRoute> match(String host, String method, String path) {
        RouteMatch<RouteTarget> m = route(host, method, path);
        return m == null || !(m.value() instanceof ApiRoute) ? null : (RouteMatch<ApiRoute>) (RouteMatch<?>) m;
    }

    /** The route (API operation or composite) for this request, or {@code null}. */
    public RouteMatch<RouteTarget> route(String host, String method, String path) {
        return routes.table().match(host, method, path);
    }

    /**
     * Whether a request routes to an API whose policy passes encoded slashes ({@code policies.encodedSlashes: pass});
     * {@code false} for other APIs, composites and paths no route matches.
     */
    public boolean passesEncodedSlashes(String host, String method, String path) {
        RouteMatch<RouteTarget> match = route(host, method, path);
        return match != null && match.value() instanceof ApiRoute api
                && api.api().policies().encodedSlashes() == EncodedSlashes.PASS;
    }

    /** Methods that would match {@code path}, for a 405 answer; empty if no route has this path. */
    public Set<String> allowedMethods(String host, String path) {
        return routes.table().allowedMethods(host, path);
    }

    /** The compiled routes of the API with this id, or {@code null}; for tests of what an update reuses. */
    List<Leaf<RouteTarget>> routesOf(String apiId) {
        return routes.group(apiId);
    }

    /** The compiled route of the composite with this id, or {@code null}. */
    public CompositeRoute composite(String id) {
        List<Leaf<RouteTarget>> group = routes.group(compositeGroup(id));
        return group == null ? null : (CompositeRoute) group.get(0).value();
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
