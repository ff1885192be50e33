package dev.turnpike.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Composite;
import dev.turnpike.registry.model.CompositePart;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.Lifecycle;
import dev.turnpike.registry.model.PartRequest;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.Target;
import dev.turnpike.registry.model.UpstreamPool;
import dev.turnpike.registry.store.VersionedCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Composites in the routing snapshot: one route table with the APIs, plans compiled once and kept while valid. */
class CompositeRoutingTest {
    private static final UpstreamPool POOL = UpstreamPool.of("p", List.of(new Instance("127.0.0.1", 1, 1)));

    private static Api api(String id, String basePath, Route... routes) {
        return Api.builder(id, "t", basePath).targets(List.of(new Target("p", 1))).routes(List.of(routes)).build();
    }

    private static Composite page(String path) {
        return new Composite("page", "t", "", Lifecycle.ACTIVE, "GET", path, Duration.ofMillis(800), List.of(
                new CompositePart("a", "a", PartRequest.of("GET", "/{id}"), false, Optional.empty()),
                new CompositePart("b", "b", PartRequest.of("GET", "/{a.ref}"), true,
                        Optional.of(Duration.ofSeconds(5)))));
    }

    private static Catalog catalog(Api a, Api b, Composite... composites) {
        return new Catalog(List.of(), List.of(a, b), List.of(POOL), List.of(), List.of(), List.of(composites));
    }

    @Test
    void aCompositeIsMatchedLikeARouteWithItsPlanPrecomputed() {
        Catalog c = catalog(api("a", "/a", Route.prefix()), api("b", "/b", Route.prefix()), page("/pages/{id}"));
        RoutingSnapshot s = RoutingSnapshot.build(new VersionedCatalog(1, c));

        RouteMatch<RouteTarget> m = s.route("any", "GET", "/pages/42");
        assertThat(m.value()).isSameAs(s.composite("page"));
        assertThat(m.pathParams("/pages/42")).containsEntry("id", "42");
        assertThat(s.match("any", "GET", "/pages/42")).as("not an API route").isNull();
        assertThat(s.allowedMethods("any", "/pages/42")).containsExactly("GET");
        CompositeRoute plan = s.composite("page");
        assertThat(plan.order()).containsExactly(0, 1);
        assertThat(plan.parts().get(1).waitsFor()).containsExactly(0);
        assertThat(plan.parts().get(1).timeout()).as("bounded by the composite's").isEqualTo(Duration.ofMillis(800));
        assertThat(plan.parts().get(0).api()).isSameAs(c.api("a"));
    }

    @Test
    void anUpdateKeepsPlansWhoseCompositeAndApisAreUnchanged() {
        Catalog c = catalog(api("a", "/a", Route.prefix()), api("b", "/b", Route.prefix()), page("/pages/{id}"));
        RoutingSnapshot first = RoutingSnapshot.build(new VersionedCatalog(1, c));

        Catalog other = c.edit().putApi(api("x", "/x", Route.prefix())).result();
        RoutingSnapshot second = RoutingSnapshot.build(new VersionedCatalog(2, other), first);
        assertThat(second.composite("page")).isSameAs(first.composite("page"));

        Catalog moved = other.edit().putApi(api("b", "/b2", Route.prefix())).result();
        RoutingSnapshot third = RoutingSnapshot.build(new VersionedCatalog(3, moved), second);
        assertThat(third.composite("page")).isNotSameAs(second.composite("page"));
        assertThat(third.composite("page").parts().get(1).api().basePath()).isEqualTo("/b2");

        Catalog gone = moved.edit().putComposite(page("/pages/v2/{id}")).result();
        RoutingSnapshot fourth = RoutingSnapshot.build(new VersionedCatalog(4, gone), third);
        assertThat(fourth.route("h", "GET", "/pages/1")).isNull();
        assertThat(fourth.route("h", "GET", "/pages/v2/1").value()).isSameAs(fourth.composite("page"));
        var edit = gone.edit();
        edit.deleteComposite("page");
        RoutingSnapshot fifth = RoutingSnapshot.build(new VersionedCatalog(5, edit.result()), fourth);
        assertThat(fifth.composite("page")).isNull();
        assertThat(fifth.route("h", "GET", "/pages/v2/1")).isNull();
    }

    @Test
    void aCompositePathThatClashesWithAnApiRouteIsRefusedLikeAnyClash() {
        Catalog c = catalog(api("a", "/a", Route.prefix()), api("b", "/pages", new Route("GET", "/{x}")),
                page("/pages/{id}"));

        assertThatThrownBy(() -> RoutingSnapshot.build(new VersionedCatalog(1, c)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/pages/{");
        assertThat(RoutingSnapshot.problem(c)).isPresent();
    }
}
