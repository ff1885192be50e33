package dev.turnpike.gateway.testing;

import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiPolicies;
import dev.turnpike.registry.model.ApiSpec;
import dev.turnpike.registry.model.Balancer;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Consumer;
import dev.turnpike.registry.model.ConsumerState;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.Plan;
import dev.turnpike.registry.model.PoolSettings;
import dev.turnpike.registry.model.RetryPolicy;
import dev.turnpike.registry.model.Subscription;
import dev.turnpike.registry.model.Target;
import dev.turnpike.registry.model.UpstreamPool;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The catalog of the end-to-end (direct call) tests:
 *
 * <ul>
 *   <li>{@code products} at {@code /products/v1} (upstream base path {@code /}), with an OpenAPI document, timeout
 *       2 s and a retry policy (2 attempts on connect failure and 503, GET only), on pool {@code blue};</li>
 *   <li>{@code orders} at {@code /orders}, on pool {@code blue}.</li>
 * </ul>
 * Consumers: {@code shop} (products {@code direct: true} with plan 1000/s burst 1000 quota 1,000,000; orders through
 * the gateway), {@code web} (products through the gateway only), {@code other} (no subscriptions).
 */
public final class DirectCatalogs {
    /** The products API's OpenAPI document. */
    public static final String SPEC = """
            openapi: 3.0.3
            info: { title: Products, version: v1 }
            paths:
              /items:
                get: { operationId: listItems, responses: { '200': { description: the items } } }
              /items/{id}:
                get:
                  operationId: getItem
                  parameters: [ { name: id, in: path, required: true, schema: { type: string } } ]
                  responses: { '200': { description: one item } }
            """;

    private DirectCatalogs() {
    }

    /** The catalog with pool {@code blue} over {@code instances} (each weight 1). */
    public static Catalog catalog(List<Instance> instances) {
        return catalog(instances, Optional.of(true));
    }

    /**
     * The catalog with pool {@code blue} over {@code instances}; {@code shopDirect} empty leaves shop unsubscribed from
     * products, else sets its subscription's {@code direct}.
     */
    public static Catalog catalog(List<Instance> instances, Optional<Boolean> shopDirect) {
        List<Target> blue = List.of(new Target("blue", 1));
        ApiPolicies policies = ApiPolicies.NONE.withTimeout(Duration.ofSeconds(2))
                .withRetry(new RetryPolicy(2, true, List.of(503), List.of("GET")));
        Api products = Api.builder("products", "t", "/products/v1").targets(blue).policies(policies)
                .spec(ApiSpec.parse(SPEC)).build();
        Api orders = Api.builder("orders", "t", "/orders").targets(blue).build();
        UpstreamPool pool = new UpstreamPool("blue", instances, Balancer.LEAST_OUTSTANDING, false,
                PoolSettings.DEFAULTS);
        List<Consumer> consumers = List.of(
                new Consumer("shop", "Shop", "shop-team", "", ConsumerState.ACTIVE),
                new Consumer("web", "Web", "web-team", "", ConsumerState.ACTIVE),
                new Consumer("other", "Other", "web-team", "", ConsumerState.ACTIVE));
        List<Subscription> subscriptions = new java.util.ArrayList<>(List.of(
                new Subscription("shop", "orders", Optional.empty(), false),
                new Subscription("web", "products", Optional.empty(), false)));
        shopDirect.ifPresent(direct -> subscriptions.add(new Subscription("shop", "products",
                Optional.of(new Plan(1000, 1000, OptionalLong.of(1_000_000))), direct)));
        return new Catalog(List.of(), List.of(products, orders), List.of(pool), consumers, subscriptions);
    }

    /** Instances at {@code 127.0.0.1} on the ports of {@code upstreams}. */
    public static List<Instance> instances(TestUpstream... upstreams) {
        return java.util.Arrays.stream(upstreams).map(u -> new Instance("127.0.0.1", u.port(), 1)).toList();
    }
}
