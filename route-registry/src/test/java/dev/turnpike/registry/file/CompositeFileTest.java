package dev.turnpike.registry.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.registry.file.CatalogEntities.Format;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Composite;
import dev.turnpike.registry.model.CompositePart;
import dev.turnpike.registry.model.PartTemplate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CompositeFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APIS = """
            pools:
              - { id: p, instances: [ "127.0.0.1:1" ] }
            apis:
              - { id: products, owner: t, basePath: /products, targets: [ { pool: p } ] }
              - { id: reviews, owner: t, basePath: /reviews, targets: [ { pool: p } ] }
            """;

    @Test
    void readsTheExampleOfTheIssueAsWritten() throws Exception {
        Catalog catalog = CatalogFile.read(Path.of("src/test/resources/catalog/composites.yaml"));

        Composite page = catalog.composite("product-page");
        assertThat(page.owner()).isEqualTo("web-team");
        assertThat(page.method()).isEqualTo("GET");
        assertThat(page.path()).isEqualTo("/pages/products/{id}");
        assertThat(page.timeout()).isEqualTo(Duration.ofMillis(800));
        assertThat(page.parts()).extracting(CompositePart::name).containsExactly("product", "reviews", "seller");
        CompositePart reviews = page.part("reviews");
        assertThat(reviews.optional()).isTrue();
        assertThat(reviews.timeout()).contains(Duration.ofMillis(300));
        assertThat(reviews.request().query().get("limit").references()).containsExactly(
                new PartTemplate.Reference(PartTemplate.Source.QUERY, "limit", List.of()));
        assertThat(page.part("product").optional()).isFalse();
        assertThat(page.part("product").timeout()).isEmpty();
        assertThat(Composite.dependencies(page.part("seller"))).containsExactly("product");
        assertThat(page.part("seller").request().path().references()).containsExactly(
                new PartTemplate.Reference(PartTemplate.Source.PART, "product", List.of("sellerId")));
    }

    @Test
    void writeThenParseGivesAnEqualCatalog() throws Exception {
        Catalog catalog = CatalogFile.read(Path.of("src/test/resources/catalog/composites.yaml"));

        assertThat(CatalogFile.parse(CatalogFile.write(catalog), "written.yaml")).isEqualTo(catalog);
        assertThat(CatalogFile.parse(CatalogFile.writeJson(catalog), "written.json")).isEqualTo(catalog);
        Composite page = catalog.composite("product-page");
        String one = JSON.writeValueAsString(CatalogEntities.write(page));
        assertThat(CatalogEntities.readComposite(one, Format.JSON)).isEqualTo(page);
    }

    @Test
    void reportsEachProblemWhereItIsWritten() {
        CatalogFileException e = catchThrowableOfType(CatalogFileException.class, () -> CatalogFile.parse(APIS + """
                composites:
                  - id: page
                    owner: t
                    path: /pages/{id}
                    timeout: 0ms
                    colour: red
                    parts:
                      - name: product
                        api: products
                        request: { path: "/items/{idd}" }
                      - name: reviews
                        api: nowhere
                        request: { path: "/r/{prodct.id}", query: { limit: "{query.limit" } }
                      - name: product
                        api: reviews
                        request: { method: FETCH, path: "/x" }
                """, "bad.yaml"));

        assertThat(e.violations()).extracting(CatalogFileException.Violation::path).containsExactlyInAnyOrder(
                "composites[0].timeout", "composites[0].colour", "composites[0].parts[0].request.path",
                "composites[0].parts[1].request.path", "composites[0].parts[1].request.query.limit",
                "composites[0].parts[2].name", "composites[0].parts[2].request.method");
        assertThat(e.getMessage()).contains("bad.yaml:", "{idd} (expected: a parameter of the path /pages/{id}",
                "{prodct.id} (expected: the name of another part", "(expected: each '{' closed by a '}')",
                "\"product\" twice", "0ms (expected: > 0)");
    }

    @Test
    void reportsMissingApisTeamsDuplicatesAndCycles() {
        CatalogFileException e = catchThrowableOfType(CatalogFileException.class, () -> CatalogFile.parse(APIS + """
                teams: [ { id: t } ]
                composites:
                  - id: page
                    owner: nobody
                    path: /pages/{id}
                    timeout: 1s
                    parts:
                      - { name: a, api: nowhere, request: { path: "/{b.x}" } }
                      - { name: b, api: products, request: { path: "/{a.y}" } }
                  - { id: dup, owner: t, path: /one, timeout: 1s, parts: [ { name: a, api: reviews, request: { path: "/" } } ] }
                  - { id: dup, owner: t, path: /two, timeout: 1s, parts: [ { name: a, api: reviews, request: { path: "/" } } ] }
                """, "refs.yaml"));

        assertThat(e.violations()).extracting(CatalogFileException.Violation::path).containsExactlyInAnyOrder(
                "composites[0].parts", "composites[2].id");
        assertThat(e.getMessage()).contains("a -> b -> a (expected: parts that do not wait for each other");

        CatalogFileException refs = catchThrowableOfType(CatalogFileException.class, () -> CatalogFile.parse(APIS + """
                teams: [ { id: t } ]
                composites:
                  - { id: page, owner: nobody, path: /p, timeout: 1s, parts: [ { name: a, api: nowhere, request: { path: "/" } } ] }
                """, "refs.yaml"));
        assertThat(refs.violations()).extracting(CatalogFileException.Violation::path).containsExactlyInAnyOrder(
                "composites[0].owner", "composites[0].parts[0].api");
    }

    @Test
    void entityErrorsAreJsonPointers() {
        CatalogFileException e = catchThrowableOfType(CatalogFileException.class, () -> CatalogEntities.readComposite(
                """
                {"id": "page", "owner": "t", "path": "/p/{id}", "timeout": "1s",
                 "parts": [{"name": "a", "api": "x", "request": {"path": "/a", "headers": {"X-Id": "{nope}"}}},
                           {"name": "b", "api": "x", "timeout": "soon", "request": {"path": "/b"}}]}
                """, Format.JSON));

        assertThat(e.violations()).extracting(CatalogFileException.Violation::path)
                .containsExactlyInAnyOrder("/parts/0/request/headers/X-Id", "/parts/1/timeout");
    }

    @Test
    void aCatalogWithoutCompositesIsWrittenWithoutTheKey() throws Exception {
        Catalog catalog = CatalogFile.parse(APIS, "apis.yaml");
        assertThat(CatalogFile.write(catalog)).doesNotContain("composites");
        Composite page = new Composite("page", "t", "", dev.turnpike.registry.model.Lifecycle.ACTIVE, "GET", "/p",
                Duration.ofSeconds(1), List.of(new CompositePart("a", "products",
                dev.turnpike.registry.model.PartRequest.of("GET", "/a"), false, Optional.empty())));
        assertThat(CatalogFile.write(catalog.withComposites(List.of(page)))).contains("composites:");
    }
}
