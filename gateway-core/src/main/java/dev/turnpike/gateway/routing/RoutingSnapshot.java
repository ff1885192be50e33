package dev.turnpike.gateway.routing;

import dev.turnpike.gateway.balance.Endpoint;
import dev.turnpike.gateway.balance.LoadBalancer;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the data plane reads, precomputed from one catalog version: the route table, the pools with their
 * balancers, and the consumer directory (keys by hash, subscriptions). Immutable; built off the event loop and published through {@link RoutingState}.
 *
 * <pre>{@code
 * RoutingSnapshot s = RoutingSnapshot.build(new VersionedCatalog(1, catalog));
 * RouteMatch<ApiRoute> m = s.match("api.example.com", "GET", "/products/v1/items/7");
 * }</pre>
 */
public final class RoutingSnapshot {
    /** A snapshot with no routes, served until the first catalog is loaded. */
    public static final RoutingSnapshot EMPTY = build(new VersionedCatalog(0, Catalog.EMPTY));

    private final long version;
    private final Catalog catalog;
    private final RouteTable<ApiRoute> routes;
    private final Map<String, PoolRuntime> pools;
    private final ConsumerDirectory consumers;

    private RoutingSnapshot(long version, Catalog catalog, RouteTable<ApiRoute> routes, Map<String, PoolRuntime> pools,
                            ConsumerDirectory consumers) {
        this.version = version;
        this.catalog = catalog;
        this.routes = routes;
        this.pools = pools;
        this.consumers = consumers;
    }

    /** Builds a snapshot with fresh endpoints. */
    public static RoutingSnapshot build(VersionedCatalog catalog) {
        return build(catalog, null);
    }

    /**
     * Builds a snapshot, reusing {@code previous}'s endpoint of every instance that is unchanged (same pool, address
     * and weight) so in-flight counts and ejections carry over a catalog change.
     *
     * @throws IllegalArgumentException if two routes conflict
     */
    public static RoutingSnapshot build(VersionedCatalog versioned, RoutingSnapshot previous) {
        Catalog catalog = versioned.catalog();
        Map<String, PoolRuntime> pools = new HashMap<>();
        for (UpstreamPool pool : catalog.pools()) {
            PoolRuntime old = previous == null ? null : previous.pools.get(pool.id());
            List<Endpoint> endpoints = new ArrayList<>(pool.instances().size());
            for (Instance instance : pool.instances()) {
                endpoints.add(reuse(old, instance));
            }
            pools.put(pool.id(), new PoolRuntime(pool, endpoints, LoadBalancer.create(pool.balancer(), endpoints)));
        }
        RouteTable.Builder<ApiRoute> table = RouteTable.builder();
        for (Api api : catalog.apis()) {
            List<PoolRuntime> targets = new ArrayList<>(api.targets().size());
            int[] weights = new int[api.targets().size()];
            for (int i = 0; i < weights.length; i++) {
                Target t = api.targets().get(i);
                targets.add(pools.get(t.pool()));
                weights[i] = t.weight();
            }
            WeightedSplit<PoolRuntime> split = WeightedSplit.of(targets, weights);
            LifecycleHeaders lifecycle = LifecycleHeaders.of(api, catalog);
            for (Route route : api.routes()) {
                table.add(api.host(), route.method(), ApiRoute.fullTemplate(api, route),
                        new ApiRoute(api, route, split, lifecycle));
            }
        }
        return new RoutingSnapshot(versioned.version(), catalog, table.build(), Map.copyOf(pools),
                ConsumerDirectory.build(versioned));
    }

    /**
     * Why {@code catalog} cannot be served (its routes conflict, e.g. two APIs' templates that differ only in
     * parameter names), or empty when it can. For validating a catalog before it is stored.
     */
    public static Optional<String> problem(Catalog catalog) {
        try {
            build(new VersionedCatalog(0, catalog));
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
        return routes.match(host, method, path);
    }

    /** Methods that would match {@code path}, for a 405 answer; empty if no route has this path. */
    public Set<String> allowedMethods(String host, String path) {
        return routes.allowedMethods(host, path);
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
        return version;
    }

    /** The catalog this snapshot was built from. */
    public Catalog catalog() {
        return catalog;
    }

    /** API keys, consumers and subscriptions of this catalog version. */
    public ConsumerDirectory consumers() {
        return consumers;
    }

    /** Number of routes. */
    public int routeCount() {
        return routes.size();
    }
}
