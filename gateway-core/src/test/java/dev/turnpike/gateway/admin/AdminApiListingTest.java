package dev.turnpike.gateway.admin;

import static dev.turnpike.gateway.admin.AdminClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.model.Route;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the web catalog asks of the admin API beyond CRUD: the token's name and role ({@code /whoami}), the APIs
 * list's {@code summary} view, its {@code criticality} filter, and {@code q} finding APIs by their operations, also
 * after an API changed (the search index follows).
 */
class AdminApiListingTest {
    private static final String SPEC = """
            openapi: 3.0.3
            info: {title: Products, version: "1"}
            paths:
              /items/{id}:
                get:
                  operationId: %s
                  parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
                  responses: {"200": {description: the item}}
            """;

    @TempDir
    Path dir;

    TestUpstream upstream;
    GatewayUnderTest gateway;
    AdminClient admin;

    @BeforeEach
    void start() throws Exception {
        upstream = TestUpstream.start("blue");
        gateway = GatewayUnderTest.start(dir, TestCatalogs.oneApi("/test", "/", TestCatalogs.pool("blue", upstream),
                Route.prefix()), AdminClient.TOKENS);
        admin = new AdminClient(gateway);
        HttpResponse<String> created = admin.send("POST", "/admin/v1/apis", "{\"id\": \"products\", \"owner\":"
                + " \"test-team\", \"basePath\": \"/products/v1\", \"criticality\": \"CRITICAL\", \"targets\":"
                + " [{\"pool\": \"blue\"}], \"spec\": {\"document\": " + quoted(SPEC.formatted("getItem")) + "}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    @Test
    void whoamiNamesTheTokenAndItsRole() throws Exception {
        assertThat(json(admin.get("/admin/v1/whoami")).toString()).isIn("{\"name\":\"ops\",\"role\":\"admin\"}",
                "{\"role\":\"admin\",\"name\":\"ops\"}");
        JsonNode reader = json(admin.as(AdminClient.READER_TOKEN).get("/admin/v1/whoami"));
        assertThat(reader.get("name").asText()).isEqualTo("viewer");
        assertThat(reader.get("role").asText()).isEqualTo("read-only");
        assertThat(admin.as("wrong").get("/admin/v1/whoami").statusCode()).isEqualTo(401);
    }

    @Test
    void theSummaryViewLeavesOutDocumentsAndCountsOperations() throws Exception {
        JsonNode full = json(admin.get("/admin/v1/apis?q=products"));
        assertThat(full.get("items").get(0).get("spec").get("document").asText()).contains("getItem");

        HttpResponse<String> summary = admin.get("/admin/v1/apis?q=products&view=summary&limit=1");
        JsonNode item = json(summary).get("items").get(0);
        assertThat(item.has("spec")).isFalse();
        assertThat(item.get("operationCount").asInt()).isEqualTo(1);
        assertThat(item.get("criticality").asText()).isEqualTo("CRITICAL");
        assertThat(json(admin.get("/admin/v1/apis?view=summary")).get("items").get(0).get("operationCount").asInt())
                .isEqualTo(1); // the prefix route of "test"

        HttpResponse<String> bad = admin.get("/admin/v1/apis?view=compact");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("errors").get(0).get("detail").asText()).contains("expected one of: summary");
        assertThat(admin.get("/admin/v1/teams?view=summary").statusCode()).isEqualTo(400);
    }

    @Test
    void filtersByCriticality() throws Exception {
        assertThat(ids("/admin/v1/apis?criticality=CRITICAL")).containsExactly("products");
        assertThat(ids("/admin/v1/apis?criticality=standard")).containsExactly("test");
        assertThat(ids("/admin/v1/apis?criticality=STANDARD&q=products")).isEmpty();
    }

    @Test
    void searchFindsApisByOperationIdAndFullOperationPathAndFollowsChanges() throws Exception {
        assertThat(ids("/admin/v1/apis?q=GETITEM")).containsExactly("products");
        assertThat(ids("/admin/v1/apis?q=%2Fproducts%2Fv1%2Fitems%2F%7Bid%7D")).containsExactly("products");
        assertThat(ids("/admin/v1/apis?q=%20get%20%2Fproducts")).containsExactly("products");

        HttpResponse<String> current = admin.get("/admin/v1/apis/products");
        String renamed = current.body().replace("getItem", "fetchItem");
        assertThat(admin.send("PUT", "/admin/v1/apis/products", renamed, "application/json",
                Map.of("If-Match", current.headers().firstValue("ETag").orElseThrow())).statusCode()).isEqualTo(200);
        assertThat(ids("/admin/v1/apis?q=getItem")).isEmpty();
        assertThat(ids("/admin/v1/apis?q=fetchitem")).containsExactly("products");
    }

    private List<String> ids(String path) throws Exception {
        HttpResponse<String> response = admin.get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        json(response).get("items").forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }

    private static String quoted(String text) throws Exception {
        return AdminClient.JSON.writeValueAsString(text);
    }
}
