package dev.turnpike.registry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CompositeTest {
    private static CompositePart part(String name, String path) {
        return new CompositePart(name, "products", PartRequest.of("GET", path), false, Optional.empty());
    }

    private static Composite composite(String path, CompositePart... parts) {
        return new Composite("page", "web", "", Lifecycle.ACTIVE, "GET", path, Duration.ofMillis(800), List.of(parts));
    }

    @Test
    void parsesTemplatesIntoLiteralsAndReferences() {
        PartTemplate t = PartTemplate.parse("path", "/a/{id}/b/{query.q}-{header.X-Region}/{product.seller.id}");

        assertThat(t.references()).containsExactly(
                new PartTemplate.Reference(PartTemplate.Source.PATH, "id", List.of()),
                new PartTemplate.Reference(PartTemplate.Source.QUERY, "q", List.of()),
                new PartTemplate.Reference(PartTemplate.Source.HEADER, "X-Region", List.of()),
                new PartTemplate.Reference(PartTemplate.Source.PART, "product", List.of("seller", "id")));
        assertThat(t.pieces().get(0)).isEqualTo(new PartTemplate.Literal("/a/"));
        assertThat(t.references().get(3).text()).isEqualTo("product.seller.id");
    }

    @Test
    void rejectsBrokenTemplatesWithArmeriaStyleMessages() {
        assertThatThrownBy(() -> PartTemplate.parse("path", "/a/{id"))
                .hasMessage("path: \"/a/{id\" (expected: each '{' closed by a '}')");
        assertThatThrownBy(() -> PartTemplate.parse("path", "/a/}"))
                .hasMessage("path: \"/a/}\" (expected: a '}' only after a '{')");
        assertThatThrownBy(() -> PartTemplate.parse("path", "/a/{x..y}")).hasMessageStartingWith("path: \"/a/{x..y}\"");
        assertThatThrownBy(() -> PartRequest.of("GET", "items")).hasMessage("path: \"items\" (expected: a path starting with /)");
        assertThatThrownBy(() -> PartRequest.of("FETCH", "/"))
                .hasMessageStartingWith("method: \"FETCH\" (expected: one of GET");
    }

    @Test
    void checksItsOwnFields() {
        assertThatThrownBy(() -> new Composite("page", "web", "", Lifecycle.ACTIVE, "GET", "/p",
                Duration.ofMillis(-5), List.of(part("a", "/a")))).hasMessage("timeout: -5ms (expected: > 0)");
        assertThatThrownBy(() -> composite("/p")).hasMessage("parts: 0 parts (expected: 1..32)");
        assertThatThrownBy(() -> new Composite("page", "web", "", Lifecycle.ACTIVE, "*", "/p", Duration.ofSeconds(1),
                List.of(part("a", "/a")))).hasMessage("method: \"*\" (expected: one HTTP method)");
        assertThatThrownBy(() -> part("query", "/")).hasMessageStartingWith("name: \"query\" (expected: a letter");
        assertThatThrownBy(() -> new CompositePart("a", "products", PartRequest.of("GET", "/"), true,
                Optional.of(Duration.ZERO))).hasMessage("timeout: 0ms (expected: > 0)");
    }

    @Test
    void everyReferenceMustResolve() {
        assertThatThrownBy(() -> composite("/p/{id}", part("a", "/{idd}")))
                .hasMessage("parts[0].request: {idd} (expected: a parameter of the path /p/{id}, or {query.name},"
                        + " {header.Name}, {part.field})");
        assertThatThrownBy(() -> composite("/p", part("a", "/{b.x}")))
                .hasMessage("parts[0].request: {b.x} (expected: the name of another part)");
        assertThatThrownBy(() -> composite("/p", part("a", "/{a.x}")))
                .hasMessage("parts[0].request: {a.x} (expected: the name of another part)");
        assertThatThrownBy(() -> composite("/p", part("a", "/"), part("a", "/")))
                .hasMessage("parts[1].name: \"a\" twice (expected: unique part names; also parts[0])");
    }

    @Test
    void rejectsCyclesAndNamesThem() {
        assertThatThrownBy(() -> composite("/p", part("a", "/"), part("b", "/{c.x}"), part("c", "/{d.x}"),
                part("d", "/{b.y}")))
                .hasMessage("parts: b -> c -> d -> b (expected: parts that do not wait for each other in a cycle)");
    }

    @Test
    void dependenciesComeFromPathQueryAndHeaders() {
        CompositePart p = new CompositePart("c", "products", new PartRequest("GET", PartTemplate.parse("path", "/{a.x}"),
                Map.of("q", PartTemplate.parse("q", "{b.y}")), Map.of("H", PartTemplate.parse("H", "{a.z}"))), false,
                Optional.empty());
        Composite k = composite("/p", part("a", "/"), part("b", "/"), p);

        assertThat(Composite.dependencies(k.part("c"))).containsExactly("a", "b");
        assertThat(Composite.dependencies(k.part("a"))).isEmpty();
    }

    @Test
    void theCatalogChecksPartApisAndOwners() {
        UpstreamPool pool = UpstreamPool.of("p", List.of(new Instance("127.0.0.1", 1, 1)));
        Api products = Api.builder("products", "web", "/products").targets(List.of(new Target("p", 1))).build();
        Composite k = composite("/p", part("a", "/"));
        Catalog catalog = new Catalog(List.of(), List.of(products), List.of(pool), List.of(), List.of(), List.of(k));
        assertThat(catalog.composite("page")).isEqualTo(k);
        assertThat(catalog.compositesCalling("products")).containsExactly(k);

        CatalogEdit edit = catalog.edit();
        edit.deleteApi("products");
        assertThatThrownBy(edit::result).hasMessage(
                "composites.page.parts.a.api: \"products\" (expected: the id of an API in the catalog)");
        Composite mobile = new Composite("page", "mobile", "", Lifecycle.ACTIVE, "GET", "/p", Duration.ofSeconds(1),
                List.of(part("a", "/")));
        assertThatThrownBy(() -> new Catalog(List.of(new Team("web", "", "", "")), List.of(products), List.of(pool),
                List.of(), List.of(), List.of(mobile)))
                .hasMessage("composites.page.owner: \"mobile\" (expected: the id of a team in the catalog)");
        assertThatThrownBy(() -> catalog.withComposites(List.of(k, k)))
                .hasMessage("composites: id \"page\" twice (expected: unique ids)");
        assertThat(catalog.edit().deleteComposite("page")).isTrue();
    }
}
