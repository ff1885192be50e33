package dev.turnpike.gateway.testing;

import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiPolicies;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Consumer;
import dev.turnpike.registry.model.ConsumerState;
import dev.turnpike.registry.model.Plan;
import dev.turnpike.registry.model.RateLimit;
import dev.turnpike.registry.model.Subscription;
import dev.turnpike.registry.model.Target;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The catalog of the consumer tests, all on one pool {@code p}:
 *
 * <ul>
 *   <li>{@code orders} at {@code /orders}: key required, no default limit;</li>
 *   <li>{@code products} at {@code /products}: key required; {@code web}'s plan is 1/s, burst 3, quota 5 a day;</li>
 *   <li>{@code open} at {@code /open}: public, default rate limit 2/s burst 2.</li>
 * </ul>
 * Consumers: {@code web} (subscribed to orders and products), {@code sleepy} (suspended, subscribed to orders),
 * {@code other} (no subscriptions).
 */
public final class ConsumerCatalogs {
    private ConsumerCatalogs() {
    }

    public static Catalog catalog(TestUpstream upstream) {
        List<Target> p = List.of(new Target("p", 1));
        Api orders = Api.builder("orders", "t", "/orders").targets(p).build();
        Api products = Api.builder("products", "t", "/products").targets(p).build();
        Api open = Api.builder("open", "t", "/open").targets(p)
                .policies(ApiPolicies.NONE.withPublicAccess(true).withRateLimit(new RateLimit(2, 2))).build();
        List<Consumer> consumers = List.of(
                new Consumer("web", "Web", "web-team", "", ConsumerState.ACTIVE),
                new Consumer("sleepy", "Sleepy", "web-team", "", ConsumerState.SUSPENDED),
                new Consumer("other", "Other", "web-team", "", ConsumerState.ACTIVE));
        List<Subscription> subscriptions = List.of(
                new Subscription("web", "orders", Optional.empty(), false),
                new Subscription("web", "products", Optional.of(new Plan(1, 3, OptionalLong.of(5))), false),
                new Subscription("sleepy", "orders", Optional.empty(), false));
        return new Catalog(List.of(), List.of(orders, products, open), List.of(TestCatalogs.pool("p", upstream)),
                consumers, subscriptions);
    }
}
