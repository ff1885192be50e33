package dev.turnpike.registry.store;

import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Balancer;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.Lifecycle;
import dev.turnpike.registry.model.PoolSettings;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.Target;
import dev.turnpike.registry.model.UpstreamPool;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Catalogs for store tests: every field set to something other than its default. */
final class CatalogFixtures {
    private CatalogFixtures() {
    }

    /** A catalog with two APIs and three pools, whose content depends on {@code n}. */
    static Catalog full(int n) {
        UpstreamPool blue = new UpstreamPool("products-blue",
                List.of(new Instance("127.0.0.1", 8081, 1), new Instance("::1", 8082, 2 + n)),
                Balancer.ROUND_ROBIN, true,
                new PoolSettings(10 + n, 0, Duration.ofMillis(250), Duration.ofSeconds(3), Duration.ofMinutes(1),
                        Duration.ZERO));
        UpstreamPool green = UpstreamPool.of("products-green", List.of(new Instance("green.internal", 80, 1)));
        UpstreamPool orders = UpstreamPool.of("orders-" + n, List.of(new Instance("orders.internal", 9000, 7)));
        Api products = new Api("products", "Products", "v1", "catalog-team", "Items and prices #" + n,
                Optional.of("api.example.com"), "/products/v1", "/internal", Lifecycle.DEPRECATED,
                List.of(new Target("products-blue", 95), new Target("products-green", 5)),
                List.of(new Route("GET", "/items/{id}"), new Route("*", "/admin/**"), new Route("POST", "/items")));
        Api ordersApi = new Api("orders", "orders", "", "order-team", "", Optional.empty(), "/orders", "/",
                Lifecycle.ACTIVE, List.of(new Target("orders-" + n, 1)), List.of());
        return new Catalog(List.of(ordersApi, products), List.of(green, blue, orders));
    }
}
