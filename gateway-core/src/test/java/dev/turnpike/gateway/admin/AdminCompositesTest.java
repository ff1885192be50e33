package dev.turnpike.gateway.admin;

import static dev.turnpike.gateway.admin.AdminClient.ids;
import static dev.turnpike.gateway.admin.AdminClient.json;
import static dev.turnpike.gateway.admin.AdminClient.pointers;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.gateway.routing.CompositeRoute;
import dev.turnpike.gateway.routing.RoutingSnapshot;
import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.Target;
import dev.turnpike.registry.model.Team;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /admin/v1/composites} on a real node: CRUD, ETags, audit, validation as JSON pointers, references, clashes. */
class AdminCompositesTest {
    static final String PAGE = """
            {"id": "product-page", "owner": "web", "path": "/pages/products/{id}", "timeout": "800ms",
             "parts": [
               {"name": "product", "api": "products", "request": {"path": "/items/{id}"}},
               {"name": "reviews", "api": "reviews", "optional": true, "timeout": "300ms",
                "request": {"path": "/items/{id}/reviews", "query": {"limit": "{query.limit}"}}},
               {"name": "seller", "api": "products", "request": {"path": "/sellers/{product.sellerId}"}}]}""";

    @TempDir
    Path dir;

    TestUpstream upstream;
    GatewayUnderTest gateway;
    AdminClient admin;

    @BeforeEach
    void start() {
        upstream = TestUpstream.start("blue");
        Api products = TestCatalogs.api("products", "/products/v1", "/", List.of(new Target("blue", 1)),
                List.of(Route.prefix())).toBuilder().owner("catalog").build();
        Api reviews = TestCatalogs.api("reviews", "/reviews/v1", "/", List.of(new Target("blue", 1)),
                List.of(new Route("GET", "/items/{id}/reviews"))).toBuilder().owner("catalog").build();
        Catalog catalog = new Catalog(List.of(new Team("catalog", "Catalog", "", ""), new Team("web", "Web", "", "")),
                List.of(products, reviews), List.of(TestCatalogs.pool("blue", upstream)), List.of(), List.of());
        gateway = GatewayUnderTest.start(dir, catalog, AdminClient.TOKENS);
        admin = new AdminClient(gateway);
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    @Test
    void aCompositeIsCreatedReadReplacedAndDeletedLiveWithEtagsAndAudit() throws Exception {
        HttpResponse<String> created = admin.send("POST", "/admin/v1/composites", PAGE);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains("/admin/v1/composites/product-page");
        RoutingSnapshot live = gateway.server().routing().current();
        CompositeRoute route = live.composite("product-page");
        assertThat(route).isNotNull();
        assertThat(live.route("any.host", "GET", "/pages/products/7").value()).isSameAs(route);
        assertThat(route.order()).containsExactly(0, 1, 2);
        assertThat(route.parts().get(2).waitsFor()).containsExactly(0);

        HttpResponse<String> read = admin.get("/admin/v1/composites/product-page");
        JsonNode body = json(read);
        assertThat(body.get("lifecycle").asText()).isEqualTo("ACTIVE");
        assertThat(body.get("method").asText()).isEqualTo("GET");
        assertThat(body.at("/parts/1/request/query/limit").asText()).isEqualTo("{query.limit}");
        assertThat(body.at("/parts/1/optional").asBoolean()).isTrue();
        String etag = read.headers().firstValue("ETag").orElseThrow();

        String deprecated = read.body().replace("\"ACTIVE\"", "\"DEPRECATED\"");
        HttpResponse<String> put = admin.send("PUT", "/admin/v1/composites/product-page", deprecated,
                "application/json", Map.of("If-Match", etag));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(admin.send("PUT", "/admin/v1/composites/product-page", read.body(), "application/json",
                Map.of("If-Match", etag)).statusCode()).isEqualTo(412);
        assertThat(ids(admin.get("/admin/v1/composites?api=reviews"))).containsExactly("product-page");
        assertThat(ids(admin.get("/admin/v1/composites?lifecycle=active"))).isEmpty();

        assertThat(admin.send("DELETE", "/admin/v1/composites/product-page", null).statusCode()).isEqualTo(204);
        assertThat(admin.get("/admin/v1/composites/product-page").statusCode()).isEqualTo(404);
        assertThat(gateway.server().routing().current().composite("product-page")).isNull();
        assertThat(gateway.server().routing().current().route("h", "GET", "/pages/products/7")).isNull();

        JsonNode audit = json(admin.get("/admin/v1/audit?limit=3"));
        List<String> entries = new ArrayList<>();
        audit.get("items").forEach(e -> entries.add(e.get("entityType").asText() + " " + e.get("entityId").asText()
                + " " + e.get("action").asText()));
        assertThat(entries).containsExactly("composite product-page delete", "composite product-page put",
                "composite product-page put");
        assertThat(audit.at("/items/1/after").asText()).contains("lifecycle=DEPRECATED", "GET /pages/products/{id}");
    }

    @Test
    void invalidFieldsAndBrokenReferencesAre400WithPointersAndChangeNothing() throws Exception {
        long version = gateway.server().routing().current().version();
        HttpResponse<String> fields = admin.send("POST", "/admin/v1/composites", """
                {"id": "page", "owner": "web", "path": "/pages/{id}", "timeout": "-1s", "colour": "red",
                 "parts": [{"name": "a", "api": "products", "request": {"path": "/items/{idd}"}},
                           {"name": "b", "api": "products", "request": {"path": "/x/{nope.id}",
                            "headers": {"X-Id": "{query.x"}}}]}""");
        assertThat(fields.statusCode()).isEqualTo(400);
        assertThat(fields.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(pointers(fields)).containsExactlyInAnyOrder("/timeout", "/colour", "/parts/0/request/path",
                "/parts/1/request/path", "/parts/1/request/headers/X-Id");

        HttpResponse<String> cycle = admin.send("POST", "/admin/v1/composites", """
                {"id": "page", "owner": "web", "path": "/pages/{id}", "timeout": "1s",
                 "parts": [{"name": "a", "api": "products", "request": {"path": "/{b.x}"}},
                           {"name": "b", "api": "products", "request": {"path": "/{a.y}"}}]}""");
        assertThat(cycle.statusCode()).isEqualTo(400);
        assertThat(pointers(cycle)).containsExactly("/parts");
        assertThat(cycle.body()).contains("a -> b -> a");

        HttpResponse<String> references = admin.send("POST", "/admin/v1/composites", """
                {"id": "page", "owner": "nobody", "path": "/pages/{id}", "timeout": "1s",
                 "parts": [{"name": "a", "api": "products", "request": {"path": "/{id}"}},
                           {"name": "b", "api": "nowhere", "request": {"path": "/"}}]}""");
        assertThat(references.statusCode()).isEqualTo(400);
        assertThat(pointers(references)).containsExactly("/owner", "/parts/1/api");
        assertThat(gateway.server().routing().current().version()).isEqualTo(version);
    }

    @Test
    void clashesAndReferencesToWhatIsDeletedAre409() throws Exception {
        assertThat(admin.send("POST", "/admin/v1/composites", PAGE).statusCode()).isEqualTo(201);

        HttpResponse<String> twin = admin.send("POST", "/admin/v1/composites",
                PAGE.replace("product-page", "twin").replace("{id}\", \"timeout\"", "{pid}\", \"timeout\"")
                        .replace("/items/{id}\"}}", "/items/{pid}\"}}").replace("/items/{id}/reviews", "/r/{pid}"));
        assertThat(twin.statusCode()).as(twin.body()).isEqualTo(409);
        assertThat(json(twin).get("detail").asText()).contains("cannot be served", "/pages/products/{id}");

        HttpResponse<String> api = admin.send("POST", "/admin/v1/apis", """
                {"id": "pages", "owner": "web", "basePath": "/pages", "targets": [{"pool": "blue"}],
                 "routes": [{"method": "GET", "path": "/products/{x}"}]}""");
        assertThat(api.statusCode()).isEqualTo(409);
        assertThat(json(api).get("detail").asText()).contains("/pages/products/{x}");

        HttpResponse<String> deleteApi = admin.send("DELETE", "/admin/v1/apis/reviews", null);
        assertThat(deleteApi.statusCode()).isEqualTo(409);
        assertThat(json(deleteApi).get("detail").asText()).contains("composites [product-page]");
        HttpResponse<String> deleteTeam = admin.send("DELETE", "/admin/v1/teams/web", null);
        assertThat(deleteTeam.statusCode()).isEqualTo(409);
        assertThat(json(deleteTeam).get("detail").asText()).contains("composites [product-page]");
    }
}
