package dev.turnpike.gateway.testing;

import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiPolicies;
import dev.turnpike.registry.model.Balancer;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.Lifecycle;
import dev.turnpike.registry.model.PoolSettings;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.Target;
import dev.turnpike.registry.model.UpstreamPool;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Small catalogs for tests. */
public final class TestCatalogs {
    private TestCatalogs() {
    }

    /** One API {@code test} under {@code basePath} forwarding to {@code upstreamBasePath} on one pool. */
    public static Catalog oneApi(String basePath, String upstreamBasePath, UpstreamPool pool, Route... routes) {
        return new Catalog(List.of(api("test", basePath, upstreamBasePath, List.of(new Target(pool.id(), 1)),
                Arrays.asList(routes))), List.of(pool));
    }

    /**
     * A public API (no key needed) with the given targets and routes: the proxy tests are about proxying; the
     * consumer tests build key-protected APIs themselves.
     */
    public static Api api(String id, String basePath, String upstreamBasePath, List<Target> targets, List<Route> routes) {
        return Api.builder(id, "test-team", basePath).name(id).version("v1").upstreamBasePath(upstreamBasePath)
                .policies(ApiPolicies.NONE.withPublicAccess(true)).targets(targets).routes(routes).build();
    }

    /** A pool over {@code upstreams} with the default settings. */
    public static UpstreamPool pool(String id, TestUpstream... upstreams) {
        return pool(id, Balancer.LEAST_OUTSTANDING, PoolSettings.DEFAULTS, upstreams);
    }

    /** A pool with a balancer and settings. */
    public static UpstreamPool pool(String id, Balancer balancer, PoolSettings settings, TestUpstream... upstreams) {
        return new UpstreamPool(id, Arrays.stream(upstreams).map(u -> new Instance("127.0.0.1", u.port(), 1)).toList(),
                balancer, false, settings);
    }

    /** A pool pointing at a port nothing listens on. */
    public static UpstreamPool deadPool(String id, int port) {
        return new UpstreamPool(id, List.of(new Instance("127.0.0.1", port, 1)), Balancer.LEAST_OUTSTANDING, false,
                PoolSettings.DEFAULTS);
    }

    /** Default settings with another response timeout. */
    public static PoolSettings responseTimeout(Duration timeout) {
        PoolSettings d = PoolSettings.DEFAULTS;
        return new PoolSettings(d.maxConnections(), d.pendingAcquireMax(), d.connectTimeout(), timeout,
                d.maxIdleTime(), d.ejectFor());
    }
}
