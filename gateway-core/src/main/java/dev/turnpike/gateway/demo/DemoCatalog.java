package dev.turnpike.gateway.demo;

import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiPolicies;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.Target;
import dev.turnpike.registry.model.UpstreamPool;
import java.util.List;

/** The catalog {@code turnpike demo} serves: a product API on two instances and a review API. */
public final class DemoCatalog {

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
                .routes(List.of(new Route("GET", "/items"), new Route("POST", "/items"),
                        new Route("GET", "/items/{id}")))
                .build();
        Api reviewApi = Api.builder("reviews", "community-team", "/reviews/v1").name("Reviews").version("v1")
                .description("What buyers say about products").policies(open)
                .targets(List.of(new Target("reviews", 100)))
                .routes(List.of(new Route("GET", "/items/{id}/reviews"), new Route("POST", "/items/{id}/reviews")))
                .build();
        return new Catalog(List.of(productApi, reviewApi), List.of(products, reviews));
    }

    private static Instance instance(String address) {
        int colon = address.lastIndexOf(':');
        return new Instance(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)), 1);
    }
}
