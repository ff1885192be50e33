package dev.turnpike.gateway.admin;

import static dev.turnpike.gateway.admin.AdminClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents as teams have them, through the admin API of a node whose {@code limits.maxSpecSize} is 256KB: Swagger
 * 2.0, parser warnings in the answers, the size limit on each way in.
 */
class AdminApiSpecDocumentsTest {
    private static final String SWAGGER = """
            swagger: "2.0"
            info: { title: Pets, version: "1" }
            basePath: /v1
            paths:
              /pets/{id}:
                get:
                  operationId: getPet
                  unexpectedThing: 1
                  parameters: [ { name: id, in: path, required: true, type: integer } ]
                  responses: { "200": { description: a pet } }
            """;

    @TempDir
    Path dir;

    TestUpstream blue;
    GatewayUnderTest gateway;
    AdminClient admin;

    @BeforeEach
    void start() {
        blue = TestUpstream.start("blue");
        Api products = TestCatalogs.api("products", "/products/v1", "/", List.of(new Target("blue", 1)),
                List.of(Route.prefix())).toBuilder().owner("catalog").build();
        Catalog catalog = new Catalog(List.of(new Team("catalog", "Catalog", "", "")), List.of(products),
                List.of(TestCatalogs.pool("blue", blue)), List.of(), List.of());
        Map<String, String> settings = new HashMap<>(AdminClient.TOKENS);
        settings.put("limits.maxSpecSize", "256KB");
        gateway = GatewayUnderTest.start(dir, catalog, settings);
        admin = new AdminClient(gateway);
    }

    @AfterEach
    void stop() {
        gateway.close();
        blue.close();
    }

    @Test
    void acceptsSwagger2AndAnswersTheParsersWarnings() throws Exception {
        HttpResponse<String> put = admin.send("PUT", "/admin/v1/apis/products/spec", SWAGGER, "application/yaml",
                Map.of());

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(json(put).get("warnings").toString()).contains("unexpectedThing");
        assertThat(admin.get("/admin/v1/apis/products/spec").body()).isEqualTo(SWAGGER);
        JsonNode operations = json(admin.get("/admin/v1/apis/products/operations"));
        assertThat(operations.get("items").get(0).get("path").asText()).isEqualTo("/pets/{id}");
        assertThat(operations.get("warnings").toString()).contains("unexpectedThing");
        assertThat(gateway.get("/products/v1/pets/7").statusCode()).isNotEqualTo(404);
        assertThat(gateway.get("/products/v1/other").statusCode()).isEqualTo(404);
    }

    @Test
    void appliesCatalogsWithWarningsAndRefusesDocumentsOverTheLimitOnEveryWay() throws Exception {
        String indented = SWAGGER.indent(8);
        HttpResponse<String> applied = admin.send("POST", "/admin/v1/catalog", """
                teams: [ { id: catalog } ]
                pools: [ { id: blue, instances: [ "%s" ] } ]
                apis:
                  - id: products
                    owner: catalog
                    basePath: /products/v1
                    targets: [ { pool: blue } ]
                    spec:
                      document: |
                %s""".formatted(blue.address(), indented), "application/yaml", Map.of());
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        assertThat(json(applied).get("warnings").get(0).get("pointer").asText()).isEqualTo("/apis/0/spec");

        String big = "openapi: 3.0.3\ninfo: { title: t, version: \"1\" }\nx-pad: \"" + "x".repeat(300_000)
                + "\"\npaths: { /a: { get: { responses: { \"200\": { description: ok } } } } }\n";
        assertThat(admin.send("PUT", "/admin/v1/apis/products/spec", big, "application/yaml", Map.of())
                .statusCode()).isEqualTo(413);
        HttpResponse<String> entity = admin.send("PUT", "/admin/v1/apis/products", toJson(Map.of("id", "products",
                "owner", "catalog", "basePath", "/products/v1", "targets", List.of(Map.of("pool", "blue")),
                "spec", Map.of("document", big))));
        assertThat(entity.statusCode()).as(entity.body()).isEqualTo(400);
        assertThat(entity.body()).contains("bytes (expected: at most 262144 bytes, setting limits.maxSpecSize)");
        String small = big.replace("x".repeat(300_000), "x".repeat(200_000));
        assertThat(admin.send("PUT", "/admin/v1/apis/products", toJson(Map.of("id", "products", "owner", "catalog",
                "basePath", "/products/v1", "targets", List.of(Map.of("pool", "blue")),
                "spec", Map.of("document", small)))).statusCode()).isEqualTo(200);
    }

    private static String toJson(Object value) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
    }
}
