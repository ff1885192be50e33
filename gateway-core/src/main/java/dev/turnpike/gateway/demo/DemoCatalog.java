package dev.turnpike.gateway.demo;

import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiPolicies;
import dev.turnpike.registry.model.ApiSpec;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Composite;
import dev.turnpike.registry.model.CompositePart;
import dev.turnpike.registry.model.Lifecycle;
import dev.turnpike.registry.model.PartRequest;
import dev.turnpike.registry.model.Consumer;
import dev.turnpike.registry.model.ConsumerState;
import dev.turnpike.registry.model.Plan;
import dev.turnpike.registry.model.Subscription;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.Target;
import dev.turnpike.registry.model.UpstreamPool;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The catalog {@code turnpike demo} serves: a product API on two instances and a review API, both public, a composite
 * page that calls both (docs/composites.md), and a consumer {@value #DIRECT_CONSUMER} subscribed to products with
 * {@code direct: true}, so the route lookup API can be tried at once (the demo prints a key for it).
 */
public final class DemoCatalog {

    /** The demo consumer allowed direct (end-to-end) calls to the products API. */
    public static final String DIRECT_CONSUMER = "demo-direct";

    /** The products API's OpenAPI document: its operations are the API's routes. */
    static final String PRODUCTS_SPEC = """
            openapi: 3.0.3
            info: { title: Products, version: v1 }
            paths:
              /items:
                get:
                  operationId: listItems
                  responses: { '200': { description: All items } }
                post:
                  operationId: createItem
                  requestBody:
                    content:
                      application/json:
                        schema:
                          type: object
                          properties: { name: { type: string }, price: { type: number } }
                  responses: { '201': { description: The item created } }
              /items/{id}:
                get:
                  operationId: getItem
                  parameters: [ { name: id, in: path, required: true, schema: { type: string } } ]
                  responses: { '200': { description: One item }, '404': { description: No such item } }
            """;

    private DemoCatalog() {
    }

    /** The demo catalog pointing at {@code upstreams}. */
    public static Catalog of(DemoUpstreams upstreams) {
        UpstreamPool products = UpstreamPool.of("products",
                upstreams.productInstances().stream().map(DemoCatalog::instance).toList());
        UpstreamPool reviews = UpstreamPool.of("reviews", List.of(instance(upstreams.reviewInstance())));
        // Public, so the demo answers curl without an API key (see docs/consumers.md for keys).
        ApiPolicies open = ApiPolicies.NONE.withPublicAccess(true);
        Api productApi = Api.builder("products", "catalog-team", "/products/v1").name("Products").version("v1")
                .description("Products for sale").policies(open).targets(List.of(new Target("products", 100)))
                .spec(ApiSpec.parse(PRODUCTS_SPEC))
                .build();
        Api reviewApi = Api.builder("reviews", "community-team", "/reviews/v1").name("Reviews").version("v1")
                .description("What buyers say about products").policies(open)
                .targets(List.of(new Target("reviews", 100)))
                .routes(List.of(new Route("GET", "/items/{id}/reviews"), new Route("POST", "/items/{id}/reviews")))
                .build();
        // The reviews part waits for the product part (it uses the product's id) and may fail without failing the page.
        Composite page = new Composite("product-page", "web-team", "A product with its reviews, in one call",
                Lifecycle.ACTIVE, "GET", "/pages/products/{id}", Duration.ofSeconds(2), List.of(
                new CompositePart("product", "products", PartRequest.of("GET", "/items/{id}"), false,
                        Optional.empty()),
                new CompositePart("reviews", "reviews", PartRequest.of("GET", "/items/{product.id}/reviews"), true,
                        Optional.of(Duration.ofSeconds(1)))));
        Consumer direct = new Consumer(DIRECT_CONSUMER, "Demo direct caller", "demo-team", "", ConsumerState.ACTIVE);
        Subscription subscription = new Subscription(DIRECT_CONSUMER, "products",
                Optional.of(new Plan(100, 200, OptionalLong.empty())), true);
        return new Catalog(List.of(), List.of(productApi, reviewApi), List.of(products, reviews), List.of(direct),
                List.of(subscription), List.of(page));
    }

    private static Instance instance(String address) {
        int colon = address.lastIndexOf(':');
        return new Instance(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)), 1);
    }
}
