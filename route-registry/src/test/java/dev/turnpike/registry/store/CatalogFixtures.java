package dev.turnpike.registry.store;

import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiPolicies;
import dev.turnpike.registry.model.ApiSpec;
import dev.turnpike.registry.model.Balancer;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Composite;
import dev.turnpike.registry.model.CompositePart;
import dev.turnpike.registry.model.PartRequest;
import dev.turnpike.registry.model.PartTemplate;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.turnpike.registry.model.CircuitBreakerPolicy;
import dev.turnpike.registry.model.Consumer;
import dev.turnpike.registry.model.ConsumerState;
import dev.turnpike.registry.model.Criticality;
import dev.turnpike.registry.model.EncodedSlashes;
import dev.turnpike.registry.model.HealthCheck;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.Lifecycle;
import dev.turnpike.registry.model.OutlierDetection;
import dev.turnpike.registry.model.Plan;
import dev.turnpike.registry.model.PoolSettings;
import dev.turnpike.registry.model.PoolTls;
import dev.turnpike.registry.model.RateLimit;
import dev.turnpike.registry.model.RetryPolicy;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.Subscription;
import dev.turnpike.registry.model.Target;
import dev.turnpike.registry.model.Team;
import dev.turnpike.registry.model.UpstreamPool;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Catalogs for store tests: every field set to something other than its default. */
final class CatalogFixtures {
    private CatalogFixtures() {
    }

    /** A catalog with teams, four APIs, three pools and two consumers, whose content depends on {@code n}. */
    static Catalog full(int n) {
        UpstreamPool blue = new UpstreamPool("products-blue",
                List.of(new Instance("127.0.0.1", 8081, 1), new Instance("::1", 8082, 2 + n)),
                Balancer.ROUND_ROBIN, Optional.of(PoolTls.DEFAULTS.withCa("/etc/turnpike/ca-" + n + ".pem")
                        .withVerifyHostname(false).withServerName("products-" + n + ".internal")
                        .withClientCertificate("/etc/turnpike/client.pem", "/etc/turnpike/client-key.pem")),
                new PoolSettings(10 + n, 0, Duration.ofMillis(250), Duration.ofSeconds(3), Duration.ofMinutes(1),
                        Duration.ZERO),
                new OutlierDetection(3 + n, Duration.ofSeconds(90), 34),
                Optional.of(new HealthCheck("/health?deep=" + n, Duration.ofSeconds(7), Duration.ofMillis(1500), 1, 4,
                        List.of(new HealthCheck.StatusRange(200, 204), new HealthCheck.StatusRange(301, 301)))));
        UpstreamPool green = new UpstreamPool("products-green", List.of(new Instance("green.internal", 80, 1)),
                Balancer.LEAST_OUTSTANDING, true, PoolSettings.DEFAULTS);
        UpstreamPool orders = UpstreamPool.of("orders-" + n, List.of(new Instance("orders.internal", 9000, 7)));
        Api products = new Api("products", "Products", "v1", "catalog-team", "Items and prices #" + n,
                Optional.of("api.example.com"), "/products/v1", "/internal", Lifecycle.DEPRECATED,
                List.of(new Target("products-blue", 95), new Target("products-green", 5)),
                List.of(new Route("GET", "/items/{id}"), new Route("*", "/admin/**"), new Route("POST", "/items")));
        Api ordersApi = new Api("orders", "orders", "", "order-team", "", Optional.empty(), "/orders", "/",
                Lifecycle.ACTIVE, List.of(new Target("orders-" + n, 1)), List.of());
        Api reviews = Api.builder("reviews", "catalog-team", "/reviews")
                .criticality(Criticality.CRITICAL)
                .policies(ApiPolicies.NONE.withTimeout(Duration.ofMillis(1500 + n))
                        .withRetry(new RetryPolicy(3, true, List.of(502, 503), List.of("GET", "PUT")))
                        .withCircuitBreaker(new CircuitBreakerPolicy(40, 20, Duration.ofSeconds(7)))
                        .withBodyLimit(65_536L + n)
                        .withRateLimit(new RateLimit(100, 150))
                        .withEncodedSlashes(EncodedSlashes.PASS))
                .spec(ApiSpec.parse(spec(n)))
                .targets(List.of(new Target("products-green", 1)))
                .build();
        Api legacy = Api.builder("legacy", "order-team", "/legacy")
                .deprecated(LocalDate.of(2027, 1, 1 + n % 28), "orders")
                .policies(ApiPolicies.NONE.withRetry(new RetryPolicy(2, false, List.of(503), List.of("GET")))
                        .withPublicAccess(true))
                .targets(List.of(new Target("orders-" + n, 1)))
                .build();
        List<Team> teams = List.of(new Team("order-team", "Orders", "orders@example.com", "#" + n),
                new Team("catalog-team", "Catalog", "", ""), new Team("web-team", "Web", "", "Front ends"));
        List<Consumer> consumers = List.of(
                new Consumer("mypage-web", "My page", "web-team", "web@example.com", ConsumerState.ACTIVE),
                new Consumer("batch-" + n, "Batch", "order-team", "", ConsumerState.SUSPENDED));
        List<Subscription> subscriptions = List.of(
                new Subscription("mypage-web", "reviews", Optional.of(new Plan(500, 1000, OptionalLong.of(10_000L + n))),
                        true),
                new Subscription("mypage-web", "orders", Optional.of(new Plan(5, 5, OptionalLong.empty())), false),
                new Subscription("batch-" + n, "products", Optional.empty(), false));
        return new Catalog(teams, List.of(ordersApi, products, reviews, legacy), List.of(green, blue, orders),
                consumers, subscriptions, List.of(productPage(n)));
    }

    /** A composite of three parts over the APIs of {@link #full}, one waiting for another, one optional. */
    static Composite productPage(int n) {
        CompositePart product = new CompositePart("product", "products", PartRequest.of("GET", "/items/{id}"),
                false, Optional.empty());
        Map<String, PartTemplate> query = new LinkedHashMap<>();
        query.put("limit", PartTemplate.parse("limit", "{query.limit}"));
        query.put("lang", PartTemplate.parse("lang", "en-{header.X-Region}"));
        CompositePart reviews = new CompositePart("reviews", "reviews", new PartRequest("GET",
                PartTemplate.parse("path", "/items/{id}/reviews"), query,
                Map.of("X-Trace", PartTemplate.parse("X-Trace", "page-" + n))), true,
                Optional.of(Duration.ofMillis(300 + n)));
        CompositePart seller = new CompositePart("seller", "orders",
                PartRequest.of("GET", "/sellers/{product.seller.id}"), false, Optional.empty());
        return new Composite("product-page", "web-team", "Product page #" + n, Lifecycle.ACTIVE, "GET",
                "/pages/products/{id}", Duration.ofMillis(800 + n), List.of(product, reviews, seller));
    }

    /** Only pools and two plain APIs, as catalogs were before teams and consumers existed. */
    static Catalog plain(int n) {
        Catalog full = full(n);
        return new Catalog(full.apis().subList(0, 2), full.pools());
    }

    private static String spec(int n) {
        return """
                openapi: 3.0.3
                info: { title: Reviews, version: "%d" }
                paths:
                  /items/{id}/reviews:
                    parameters:
                      - { name: id, in: path, required: true, schema: { type: string } }
                    get:
                      operationId: listReviews
                      responses: { "200": { description: reviews } }
                    post:
                      responses: { "201": { description: created } }
                """.formatted(n);
    }
}
