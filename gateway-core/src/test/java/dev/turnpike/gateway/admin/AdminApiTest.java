package dev.turnpike.gateway.admin;

import static dev.turnpike.gateway.admin.AdminClient.ids;
import static dev.turnpike.gateway.admin.AdminClient.json;
import static dev.turnpike.gateway.admin.AdminClient.pointers;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Consumer;
import dev.turnpike.registry.model.ConsumerState;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.Subscription;
import dev.turnpike.registry.model.Target;
import dev.turnpike.registry.model.Team;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin REST API on a real node: CRUD, representation, ETags, conflicts, limits and live propagation. */
class AdminApiTest {
    @TempDir
    Path dir;

    TestUpstream blue;
    TestUpstream green;
    GatewayUnderTest gateway;
    AdminClient admin;

    @BeforeEach
    void start() {
        blue = TestUpstream.start("blue");
        green = TestUpstream.start("green");
        Api products = TestCatalogs.api("products", "/products/v1", "/", List.of(new Target("blue", 1)),
                List.of(Route.prefix())).toBuilder().owner("catalog").name("Products").build();
        Api legacy = TestCatalogs.api("legacy", "/legacy/v1", "/", List.of(new Target("blue", 1)),
                List.of(Route.prefix())).toBuilder().owner("web").build();
        Catalog catalog = new Catalog(
                List.of(new Team("catalog", "Catalog", "", ""), new Team("web", "Web", "", "")),
                List.of(products, legacy), List.of(TestCatalogs.pool("blue", blue)),
                List.of(new Consumer("mypage", "My page", "web", "", ConsumerState.ACTIVE)),
                List.of(new Subscription("mypage", "legacy", Optional.empty(), false)));
        gateway = GatewayUnderTest.start(dir, catalog, AdminClient.TOKENS);
        admin = new AdminClient(gateway);
    }

    @AfterEach
    void stop() {
        gateway.close();
        blue.close();
        green.close();
    }

    @Test
    void aWriteIsServedByTheDataPlaneWhenItsResponseArrives() throws Exception {
        assertThat(admin.send("POST", "/admin/v1/pools", "{\"id\": \"green\", \"instances\": [\""
                + green.address() + "\"]}").statusCode()).isEqualTo(201);
        HttpResponse<String> created = admin.send("POST", "/admin/v1/apis", """
                {"id": "orders", "owner": "catalog", "basePath": "/orders/v1", "targets": [{"pool": "green"}],
                 "policies": {"publicAccess": true}}""");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains("/admin/v1/apis/orders");

        HttpResponse<String> proxied = gateway.get("/orders/v1/items/7");
        assertThat(proxied.statusCode()).isEqualTo(200);
        assertThat(proxied.body()).contains("\"upstream\":\"green\"").contains("/items/7");
    }

    @Test
    void anEntityIsItsCatalogFileItemWithAStrongEtagThatIfMatchChecks() throws Exception {
        HttpResponse<String> read = admin.get("/admin/v1/apis/products");
        assertThat(read.statusCode()).isEqualTo(200);
        JsonNode api = json(read);
        assertThat(api.get("basePath").asText()).isEqualTo("/products/v1");
        assertThat(api.get("targets").get(0).get("pool").asText()).isEqualTo("blue");
        String etag = read.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).matches("\"[0-9a-f]{32}\"");
        assertThat(admin.get("/admin/v1/apis/products").headers().firstValue("ETag")).contains(etag);

        String changed = read.body().replace("\"Products\"", "\"Products API\"");
        HttpResponse<String> put = admin.send("PUT", "/admin/v1/apis/products", changed, "application/json",
                Map.of("If-Match", etag));
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(json(put).get("name").asText()).isEqualTo("Products API");
        assertThat(put.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);

        HttpResponse<String> stale = admin.send("PUT", "/admin/v1/apis/products", read.body(), "application/json",
                Map.of("If-Match", etag));
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(json(stale).get("type").asText()).endsWith("/precondition-failed");
        assertThat(admin.send("DELETE", "/admin/v1/pools/blue", null, null, Map.of("If-Match", "\"0000\""))
                .statusCode()).isEqualTo(412);
        assertThat(json(admin.get("/admin/v1/apis/products")).get("name").asText()).isEqualTo("Products API");
    }

    @Test
    void everyInvalidFieldIsReportedWithItsPointerAndNothingChanges() throws Exception {
        long version = gateway.server().routing().current().version();
        HttpResponse<String> response = admin.send("POST", "/admin/v1/apis", """
                {"id": "Bad Id", "basePath": "products", "colour": "red", "lifecycle": "GONE",
                 "policies": {"timeout": "soon", "retry": {"attempts": "two"}},
                 "targets": [{"pool": "blue", "weight": -1}]}""");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(pointers(response)).contains("/id", "", "/basePath", "/colour", "/lifecycle",
                "/policies/timeout", "/policies/retry/attempts", "/targets/0/weight");
        assertThat(gateway.server().routing().current().version()).isEqualTo(version);
    }

    @Test
    void eachEntityKindValidatesItsFields() throws Exception {
        record Case(String method, String path, String body, String pointer) {
        }
        List<Case> cases = List.of(
                new Case("POST", "/admin/v1/teams", "{\"id\": \"-x\"}", "/id"),
                new Case("POST", "/admin/v1/teams", "{\"id\": \"t\", \"name\": [1]}", "/name"),
                new Case("POST", "/admin/v1/pools", "{\"id\": \"p\", \"instances\": []}", "/instances"),
                new Case("POST", "/admin/v1/pools", "{\"id\": \"p\", \"instances\": [\"nohost\"]}", "/instances/0"),
                new Case("POST", "/admin/v1/pools", "{\"id\": \"p\", \"instances\": [\"h:1\"], \"tls\": \"yes\"}",
                        "/tls"),
                new Case("POST", "/admin/v1/pools", "{\"id\": \"p\", \"instances\": [{\"host\": \"h\", \"port\": 0}]}",
                        "/instances/0/port"),
                new Case("POST", "/admin/v1/consumers", "{\"id\": \"c\", \"team\": \"web\", \"state\": \"GONE\"}",
                        "/state"),
                new Case("POST", "/admin/v1/consumers", "{\"id\": \"c\"}", ""),
                new Case("POST", "/admin/v1/consumers", "{\"id\": \"c\", \"team\": \"web\", \"subscriptions\":"
                        + " [{\"api\": \"products\", \"plan\": {\"perSecond\": 0}}]}", "/subscriptions/0/plan/perSecond"),
                new Case("PUT", "/admin/v1/consumers/mypage/subscriptions/products",
                        "{\"api\": \"products\", \"direct\": \"maybe\"}", "/direct"),
                new Case("PUT", "/admin/v1/consumers/mypage/subscriptions/products", "{\"api\": \"legacy\"}", "/api"),
                new Case("POST", "/admin/v1/apis", "{\"id\": \"a\", \"owner\": \"catalog\", \"basePath\": \"/a\","
                        + " \"targets\": [{\"pool\": \"nowhere\"}]}", "/targets/0/pool"),
                new Case("POST", "/admin/v1/apis", "{\"id\": \"a\", \"owner\": \"nobody\", \"basePath\": \"/a\","
                        + " \"targets\": [{\"pool\": \"blue\"}]}", "/owner"),
                new Case("POST", "/admin/v1/apis", "{\"id\": \"a\", \"owner\": \"catalog\", \"basePath\": \"/a\","
                        + " \"lifecycle\": \"ACTIVE\", \"sunset\": \"2030-01-01\", \"targets\": [{\"pool\": \"blue\"}]}",
                        "/sunset"),
                new Case("POST", "/admin/v1/apis", "{\"id\": \"a\", \"owner\": \"catalog\", \"basePath\": \"/a\","
                        + " \"spec\": {\"document\": \"openapi: 3.0.0\"}, \"targets\": [{\"pool\": \"blue\"}]}", "/spec"),
                new Case("POST", "/admin/v1/apis", "{\"id\": \"a\", \"owner\": \"catalog\", \"basePath\": \"/a\", \"targets\": [{\"pool\": \"blue\"}], \"host\": \"bad host\"}", "/host"),
                new Case("POST", "/admin/v1/apis", "{\"id\": \"a\", \"owner\": \"catalog\", \"basePath\": \"/a\", \"targets\": [{\"pool\": \"blue\"}], \"upstreamBasePath\": \"x/\"}", "/upstreamBasePath"),
                new Case("POST", "/admin/v1/apis", "{\"id\": \"a\", \"owner\": \"catalog\", \"basePath\": \"/a\", \"targets\": [{\"pool\": \"blue\"}], \"successor\": \"products\"}", "/successor"),
                new Case("POST", "/admin/v1/apis", "{\"id\": \"a\", \"owner\": \"catalog\", \"basePath\": \"/a\", \"targets\": [{\"pool\": \"blue\"}], \"criticality\": \"HIGH\"}", "/criticality"),
                new Case("POST", "/admin/v1/apis", "{\"id\": \"a\", \"owner\": \"catalog\", \"basePath\": \"/a\", \"targets\": [{\"pool\": \"blue\"}], \"routes\": [{\"method\": \"GET\", \"path\": \"/x\"}, {\"method\": \"GET\", \"path\": \"/x\"}]}", "/routes/1"),
                new Case("POST", "/admin/v1/apis", "{\"id\": \"a\", \"owner\": \"catalog\", \"basePath\": \"/a\", \"targets\": [{\"pool\": \"blue\"}], \"policies\": {\"circuitBreaker\": {\"failureRate\": 0, \"window\": 10, \"openFor\": \"1s\"}}}", "/policies/circuitBreaker/failureRate"),
                new Case("POST", "/admin/v1/apis", "{\"id\": \"a\", \"owner\": \"catalog\", \"basePath\": \"/a\", \"targets\": [{\"pool\": \"blue\"}], \"policies\": {\"rateLimit\": {\"burst\": 5}}}", "/policies/rateLimit"),
                new Case("POST", "/admin/v1/apis", "{\"id\": \"a\", \"owner\": \"catalog\", \"basePath\": \"/a\", \"targets\": [{\"pool\": \"blue\"}], \"policies\": {\"bodyLimit\": \"lots\"}}", "/policies/bodyLimit"),
                new Case("POST", "/admin/v1/apis", "{\"id\": \"a\", \"owner\": \"catalog\", \"basePath\": \"/a\", \"targets\": [{\"pool\": \"blue\"}], \"policies\": {\"retry\": {\"attempts\": 2, \"on\": [\"reset\"]}}}", "/policies/retry/on/0"),
                new Case("POST", "/admin/v1/apis", "{\"id\": \"a\", \"owner\": \"catalog\", \"basePath\": \"/a\", \"targets\": []}", "/targets"),
                new Case("POST", "/admin/v1/apis", "{\"id\": \"a\", \"owner\": \"catalog\", \"basePath\": \"/a\", \"targets\": [{\"pool\": \"blue\"}, {\"pool\": \"blue\"}]}", "/targets/1/pool"),
                new Case("POST", "/admin/v1/pools", "{\"id\": \"p\", \"instances\": [\"h:1\"], \"balancer\": \"random\"}", "/balancer"),
                new Case("POST", "/admin/v1/pools", "{\"id\": \"p\", \"instances\": [\"h:1\"], \"maxConnections\": \"many\"}", "/maxConnections"),
                new Case("POST", "/admin/v1/pools", "{\"id\": \"p\", \"instances\": [\"h:1\"], \"connectTimeout\": \"-1s\"}", "/connectTimeout"),
                new Case("POST", "/admin/v1/pools", "{\"id\": \"p\", \"instances\": [{\"host\": \"h\", \"port\": 1, \"weight\": -2}]}", "/instances/0/weight"),
                new Case("POST", "/admin/v1/consumers", "{\"id\": \"c\", \"team\": \"Not A Slug\"}", "/team"),
                new Case("POST", "/admin/v1/consumers", "{\"id\": \"c\", \"team\": \"web\", \"subscriptions\": [{\"api\": \"products\"}, {\"api\": \"products\"}]}", "/subscriptions/1/api"),
                new Case("POST", "/admin/v1/consumers", "{\"id\": \"c\", \"team\": \"nobody\"}", "/team"),
                new Case("PUT", "/admin/v1/consumers/mypage/subscriptions/products", "{\"api\": \"products\", \"plan\": {\"perSecond\": 5, \"dailyQuota\": 0}}", "/plan/dailyQuota"),
                new Case("PUT", "/admin/v1/teams/web", "{\"id\": \"other\"}", "/id"),
                new Case("POST", "/admin/v1/teams", "{\"id\": ", ""),
                new Case("POST", "/admin/v1/teams", "[]", ""));
        for (Case c : cases) {
            HttpResponse<String> response = admin.send(c.method(), c.path(), c.body());
            assertThat(response.statusCode()).as(c.toString() + " -> " + response.body()).isEqualTo(400);
            assertThat(pointers(response)).as(c.toString() + " -> " + response.body()).contains(c.pointer());
        }
    }

    @Test
    void conflictsAre409NamingWhatConflicts() throws Exception {
        HttpResponse<String> duplicate = admin.send("POST", "/admin/v1/teams", "{\"id\": \"web\"}");
        assertThat(duplicate.statusCode()).isEqualTo(409);

        HttpResponse<String> basePath = admin.send("POST", "/admin/v1/apis", """
                {"id": "other", "owner": "catalog", "basePath": "/products/v1", "targets": [{"pool": "blue"}]}""");
        assertThat(basePath.statusCode()).isEqualTo(409);
        assertThat(json(basePath).get("detail").asText()).contains("products");

        HttpResponse<String> pool = admin.send("DELETE", "/admin/v1/pools/blue", null);
        assertThat(pool.statusCode()).isEqualTo(409);
        assertThat(json(pool).get("detail").asText()).contains("products").contains("legacy");

        HttpResponse<String> subscribed = admin.send("DELETE", "/admin/v1/apis/legacy", null);
        assertThat(subscribed.statusCode()).isEqualTo(409);
        assertThat(json(subscribed).get("detail").asText()).contains("mypage");

        HttpResponse<String> team = admin.send("DELETE", "/admin/v1/teams/catalog", null);
        assertThat(team.statusCode()).isEqualTo(409);
        assertThat(json(team).get("detail").asText()).contains("products");

        assertThat(admin.send("DELETE", "/admin/v1/consumers/mypage/subscriptions/legacy", null).statusCode())
                .isEqualTo(204);
        assertThat(admin.send("DELETE", "/admin/v1/apis/legacy", null).statusCode()).isEqualTo(204);
        assertThat(admin.get("/admin/v1/apis/legacy").statusCode()).isEqualTo(404);
        assertThat(gateway.get("/legacy/v1/x").statusCode()).isEqualTo(404);
    }

    @Test
    void bodiesOverTheLimitAre413AndOtherMediaTypes415() throws Exception {
        String huge = "{\"id\": \"t\", \"description\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        assertThat(admin.send("POST", "/admin/v1/teams", huge).statusCode()).isEqualTo(413);

        HttpResponse<String> chunked = GatewayUnderTest.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + gateway.adminPort() + "/admin/v1/teams"))
                .header("Authorization", "Bearer " + AdminClient.ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
        assertThat(chunked.statusCode()).as("a chunked body is counted as it arrives").isEqualTo(413);

        HttpResponse<String> text = admin.send("POST", "/admin/v1/teams", "id: t", "text/plain", Map.of());
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(json(text).get("type").asText()).endsWith("/unsupported-media-type");
        assertThat(admin.send("PUT", "/admin/v1/apis/products/spec", "{}", "application/xml", Map.of())
                .statusCode()).isEqualTo(415);
        assertThat(admin.send("POST", "/admin/v1/teams", "id: t\nname: T\n", "application/x-yaml", Map.of())
                .statusCode()).isEqualTo(201);
    }

    @Test
    void listsPageSearchAndFilter() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(admin.send("POST", "/admin/v1/teams", "{\"id\": \"team-" + i + "\", \"name\": \"Team " + i
                    + "\"}").statusCode()).isEqualTo(201);
        }
        JsonNode first = json(admin.get("/admin/v1/teams?limit=3"));
        assertThat(first.get("total").asInt()).isEqualTo(7);
        assertThat(first.get("items")).hasSize(3);
        JsonNode second = json(admin.get(first.get("next").asText()));
        assertThat(second.get("items")).hasSize(3);
        JsonNode third = json(admin.get(second.get("next").asText()));
        assertThat(third.get("items")).hasSize(1);
        assertThat(third.has("next")).isFalse();
        List<String> ids = new ArrayList<>();
        for (JsonNode page : List.of(first, second, third)) {
            page.get("items").forEach(t -> ids.add(t.get("id").asText()));
        }
        assertThat(ids).doesNotHaveDuplicates().hasSize(7);

        assertThat(json(admin.get("/admin/v1/teams?q=TEAM%203")).get("total").asInt()).isEqualTo(1);
        assertThat(ids(admin.get("/admin/v1/apis?q=/legacy"))).containsExactly("legacy");
        assertThat(ids(admin.get("/admin/v1/apis?team=catalog"))).containsExactly("products");
        assertThat(ids(admin.get("/admin/v1/apis?lifecycle=active"))).containsExactly("products", "legacy");
        assertThat(ids(admin.get("/admin/v1/apis?lifecycle=RETIRED"))).isEmpty();
        assertThat(ids(admin.get("/admin/v1/consumers?team=web"))).containsExactly("mypage");

        HttpResponse<String> badLimit = admin.get("/admin/v1/apis?limit=0");
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(json(badLimit).get("errors").get(0).get("parameter").asText()).isEqualTo("limit");
        assertThat(admin.get("/admin/v1/apis?colour=red").statusCode()).isEqualTo(400);
    }

    @Test
    void unknownPathsAre404AndOtherMethods405() throws Exception {
        HttpResponse<String> missing = admin.get("/admin/v1/nothing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("type").asText()).endsWith("/no-route");
        HttpResponse<String> entity = admin.get("/admin/v1/teams/ghost");
        assertThat(entity.statusCode()).isEqualTo(404);
        assertThat(json(entity).get("type").asText()).endsWith("/not-found");
        HttpResponse<String> patch = admin.send("PATCH", "/admin/v1/teams", "{}");
        assertThat(patch.statusCode()).isEqualTo(405);
        assertThat(patch.headers().firstValue("Allow")).contains("GET, POST");
    }
}
