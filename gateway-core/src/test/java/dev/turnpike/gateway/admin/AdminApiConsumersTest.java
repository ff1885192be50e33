package dev.turnpike.gateway.admin;

import static dev.turnpike.gateway.admin.AdminClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.model.ApiKey;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.Target;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Consumers, subscriptions, keys, specs, operations, the audit log and a store outage through the admin API. */
class AdminApiConsumersTest {
    private static final String SPEC = """
            openapi: 3.0.3
            info: {title: Products, version: "1"}
            paths:
              /items/{id}:
                parameters:
                  - {name: id, in: path, required: true, schema: {type: integer}}
                get:
                  operationId: getItem
                  summary: One item
                  parameters:
                    - {name: fields, in: query, schema: {type: string}}
                  responses:
                    "200": {description: the item}
                    "404": {description: no such item}
            """;

    @TempDir
    Path dir;

    TestUpstream upstream;
    GatewayUnderTest gateway;
    AdminClient admin;

    @BeforeEach
    void start() {
        upstream = TestUpstream.start("blue");
        gateway = GatewayUnderTest.start(dir, TestCatalogs.oneApi("/products/v1", "/", TestCatalogs.pool("blue",
                upstream), Route.prefix()), AdminClient.TOKENS);
        admin = new AdminClient(gateway);
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    @Test
    void consumersCarryTheirSubscriptionsWhichAlsoHaveTheirOwnEndpoints() throws Exception {
        HttpResponse<String> created = admin.send("POST", "/admin/v1/consumers", """
                {"id": "mypage", "team": "test-team", "subscriptions": [{"api": "test", "plan": {"perSecond": 5}}]}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).get("subscriptions").get(0).get("plan").get("burst").asInt()).isEqualTo(5);

        HttpResponse<String> one = admin.get("/admin/v1/consumers/mypage/subscriptions/test");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(json(one).get("direct").asBoolean()).isFalse();
        HttpResponse<String> changed = admin.send("PUT", "/admin/v1/consumers/mypage/subscriptions/test",
                "{\"api\": \"test\", \"direct\": true}", "application/json",
                Map.of("If-Match", one.headers().firstValue("ETag").orElseThrow()));
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(json(admin.get("/admin/v1/consumers/mypage/subscriptions")).get("items").get(0).get("direct")
                .asBoolean()).isTrue();
        assertThat(admin.get("/admin/v1/consumers/mypage/subscriptions?direct=false").body()).contains("\"total\":0");

        assertThat(admin.send("DELETE", "/admin/v1/consumers/mypage/subscriptions/test", null).statusCode())
                .isEqualTo(204);
        assertThat(admin.get("/admin/v1/consumers/mypage/subscriptions/test").statusCode()).isEqualTo(404);
        assertThat(admin.send("PUT", "/admin/v1/consumers/ghost/subscriptions/test", "{\"api\": \"test\"}")
                .statusCode()).isEqualTo(404);
        assertThat(admin.send("DELETE", "/admin/v1/consumers/mypage", null).statusCode()).isEqualTo(204);
        assertThat(admin.get("/admin/v1/consumers").body()).contains("\"total\":0");
    }

    @Test
    void aKeyIsShownOnceListedWithoutSecretsAndRevocable() throws Exception {
        admin.send("POST", "/admin/v1/consumers", "{\"id\": \"mypage\", \"team\": \"test-team\"}");
        HttpResponse<String> issued = admin.send("POST", "/admin/v1/consumers/mypage/keys",
                "{\"expiresAt\": \"2099-01-01T00:00:00Z\"}");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        JsonNode key = json(issued);
        String plaintext = key.get("key").asText();
        assertThat(plaintext).startsWith(key.get("prefix").asText());
        assertThat(gateway.store().findKeyByHash(ApiKey.hash(plaintext))).isPresent();
        assertThat(gateway.server().routing().current().version()).isEqualTo(gateway.store().version());

        HttpResponse<String> list = admin.get("/admin/v1/consumers/mypage/keys");
        assertThat(list.body()).doesNotContain(plaintext).doesNotContain(ApiKey.hash(plaintext))
                .doesNotContain("\"key\"");
        assertThat(json(list).get("items").get(0).get("expiresAt").asText()).isEqualTo("2099-01-01T00:00:00Z");
        assertThat(admin.send("POST", "/admin/v1/consumers/mypage/keys", "{\"expires\": 1}").statusCode())
                .isEqualTo(400);
        assertThat(admin.send("POST", "/admin/v1/consumers/ghost/keys", null).statusCode()).isEqualTo(404);

        String id = key.get("id").asText();
        HttpResponse<String> revoked = admin.send("DELETE", "/admin/v1/consumers/mypage/keys/" + id, null);
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(json(revoked).get("revoked").asBoolean()).isTrue();
        assertThat(admin.send("DELETE", "/admin/v1/consumers/other/keys/" + id, null).statusCode()).isEqualTo(404);
    }

    @Test
    void anUploadedSpecReplacesTheRoutesAndIsReadBackWithItsOperations() throws Exception {
        HttpResponse<String> bad = admin.send("PUT", "/admin/v1/apis/test/spec", "openapi: 3.0.3\npaths: {}\n",
                "application/yaml", Map.of());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("errors")).isNotEmpty();
        HttpResponse<String> empty = admin.send("PUT", "/admin/v1/apis/test/spec", "", "application/yaml", Map.of());
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(json(empty).get("errors").get(0).get("detail").asText()).startsWith("empty body (expected:");
        assertThat(admin.get("/admin/v1/apis/test/spec").statusCode()).isEqualTo(404);

        HttpResponse<String> put = admin.send("PUT", "/admin/v1/apis/test/spec", SPEC, "text/yaml", Map.of());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        HttpResponse<String> spec = admin.get("/admin/v1/apis/test/spec");
        assertThat(spec.body()).isEqualTo(SPEC);
        assertThat(spec.headers().firstValue("Content-Type")).contains("application/yaml");

        JsonNode operations = json(admin.get("/admin/v1/apis/test/operations"));
        assertThat(operations.get("fromSpec").asBoolean()).isTrue();
        JsonNode op = operations.get("items").get(0);
        assertThat(op.get("method").asText()).isEqualTo("GET");
        assertThat(op.get("path").asText()).isEqualTo("/items/{id}");
        assertThat(op.get("operationId").asText()).isEqualTo("getItem");
        assertThat(op.get("parameters").findValuesAsText("name")).containsExactlyInAnyOrder("id", "fields");
        assertThat(op.get("responses").findValuesAsText("status")).containsExactly("200", "404");

        assertThat(gateway.get("/products/v1/items/3").statusCode()).isEqualTo(200);
        assertThat(gateway.get("/products/v1/other").statusCode()).isEqualTo(404);
    }

    @Test
    void theAuditLogNamesTheTokenThatWrote() throws Exception {
        admin.send("POST", "/admin/v1/teams", "{\"id\": \"other-team\"}");
        long before = gateway.store().auditLogSize();
        admin.send("POST", "/admin/v1/teams", "{\"id\": \"test-team\"}");
        JsonNode audit = json(admin.get("/admin/v1/audit?limit=1"));
        assertThat(audit.get("items")).hasSize(1);
        assertThat(audit.get("total").asLong()).as("the whole log, not the page").isEqualTo(before + 1)
                .isGreaterThanOrEqualTo(2);
        JsonNode entry = audit.get("items").get(0);
        assertThat(entry.get("actor").asText()).isEqualTo("ops");
        assertThat(entry.get("entityType").asText()).isEqualTo("team");
        assertThat(entry.get("entityId").asText()).isEqualTo("test-team");
        assertThat(admin.get("/admin/v1/audit?limit=x").statusCode()).isEqualTo(400);
    }

    @Test
    void withTheStoreDownWritesAre503AndChangeNothingWhileReadsGoOn() throws Exception {
        long version = gateway.server().routing().current().version();
        gateway.store().close();

        HttpResponse<String> write = admin.send("POST", "/admin/v1/teams", "{\"id\": \"test-team\"}");
        assertThat(write.statusCode()).isEqualTo(503);
        assertThat(json(write).get("type").asText()).endsWith("/store-unavailable");
        assertThat(admin.send("POST", "/admin/v1/consumers/x/keys", null).statusCode()).isEqualTo(404);

        assertThat(gateway.server().routing().current().version()).isEqualTo(version);
        assertThat(admin.get("/admin/v1/teams").body()).contains("\"total\":0");
        assertThat(admin.get("/admin/v1/apis/test").statusCode()).isEqualTo(200);
        assertThat(gateway.get("/products/v1/x").statusCode()).isEqualTo(200);
        assertThat(gateway.admin("/health/ready").body()).contains("DEGRADED");
    }

    @Test
    void aReadOnlyTokenReadsButCannotWrite() throws Exception {
        AdminClient reader = admin.as(AdminClient.READER_TOKEN);
        assertThat(reader.get("/admin/v1/apis").statusCode()).isEqualTo(200);
        HttpResponse<String> write = reader.send("POST", "/admin/v1/teams", "{\"id\": \"test-team\"}");
        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(json(write).get("type").asText()).endsWith("/admin-forbidden");
        assertThat(admin.get("/admin/v1/teams").body()).contains("\"total\":0");
        List<Target> unchanged = gateway.server().routing().current().catalog().api("test").targets();
        assertThat(unchanged).hasSize(1);
    }
}
