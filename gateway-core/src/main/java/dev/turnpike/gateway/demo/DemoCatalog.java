package dev.turnpike.gateway.demo;

import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.Lifecycle;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.Target;
import dev.turnpike.registry.model.UpstreamPool;
import java.util.List;
import java.util.Optional;

/** The catalog {@code turnpike demo} serves: a product API on two instances and a review API. */
public final class DemoCatalog {

    private DemoCatalog() {
    }

    /** The demo catalog pointing at {@code upstreams}. */
    public static Catalog of(DemoUpstreams upstreams) {
        UpstreamPool products = UpstreamPool.of("products",
                upstreams.productInstances().stream().map(DemoCatalog::instance).toList());
        UpstreamPool reviews = UpstreamPool.of("reviews", List.of(instance(upstreams.reviewInstance())));
        Api productApi = new Api("products", "Products", "v1", "catalog-team", "Products for sale",
                Optional.empty(), "/products/v1", "/", Lifecycle.ACTIVE, List.of(new Target("products", 100)),
                List.of(new Route("GET", "/items"), new Route("POST", "/items"), new Route("GET", "/items/{id}")));
        Api reviewApi = new Api("reviews", "Reviews", "v1", "community-team", "What buyers say about products",
                Optional.empty(), "/reviews/v1", "/", Lifecycle.ACTIVE, List.of(new Target("reviews", 100)),
                List.of(new Route("GET", "/items/{id}/reviews"), new Route("POST", "/items/{id}/reviews")));
        return new Catalog(List.of(productApi, reviewApi), List.of(products, reviews));
    }

    private static Instance instance(String address) {
        int colon = address.lastIndexOf(':');
        return new Instance(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)), 1);
    }
}
