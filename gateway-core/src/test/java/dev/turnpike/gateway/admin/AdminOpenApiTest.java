package dev.turnpike.gateway.admin;

import static dev.turnpike.gateway.admin.AdminClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.catalog.CatalogSync;
import dev.turnpike.gateway.catalog.SnapshotFile;
import dev.turnpike.gateway.routing.RoutingState;
import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.model.Route;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /admin/v1/openapi.json} describes exactly the served endpoints, and every one of them (taken from that
 * document) requires a token (401) and an admin role for writes (403).
 */
class AdminOpenApiTest {
    @TempDir
    static Path dir;

    static TestUpstream upstream;
    static GatewayUnderTest gateway;
    static AdminClient admin;
    static List<String[]> operations;

    @BeforeAll
    static void start() throws Exception {
        upstream = TestUpstream.start("u");
        gateway = GatewayUnderTest.start(dir, TestCatalogs.oneApi("/p", "/", TestCatalogs.pool("pool", upstream),
                Route.prefix()), AdminClient.TOKENS);
        admin = new AdminClient(gateway);
        HttpResponse<String> document = admin.get("/admin/v1/openapi.json");
        assertThat(document.statusCode()).isEqualTo(200);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document.body(), null, options);
        assertThat(parsed.getMessages()).isEmpty();
        OpenAPI openApi = parsed.getOpenAPI();
        operations = new ArrayList<>();
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) ->
                operations.add(new String[] {method.name(), path})));
        assertThat(operations).hasSizeGreaterThan(20);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    @Test
    void everyDocumentedOperationIsServedAndEveryServedRouteDocumented() throws Exception {
        TreeSet<String> documented = new TreeSet<>();
        for (String[] op : operations) {
            documented.add(op[0] + " " + op[1].substring(AdminApi.PREFIX.length()));
            HttpResponse<String> response = admin.send(op[0], concrete(op[1]), null);
            assertThat(response.statusCode()).as(op[0] + " " + op[1] + ": " + response.body()).isNotEqualTo(405);
            if (response.statusCode() == 404) {
                assertThat(json(response).get("type").asText()).as(op[0] + " " + op[1])
                        .endsWith("/not-found");
            }
        }
        RoutingState routing = new RoutingState();
        try (CatalogSync sync = new CatalogSync(() -> {
            throw new IllegalStateException("not used");
        }, true, routing, new SnapshotFile(dir.resolve("unused")), Duration.ofSeconds(1))) {
            AdminApi api = new AdminApi(routing, sync, AdminTokens.of(List.of()), java.time.Clock.systemUTC(),
                    java.time.ZoneOffset.UTC, dev.turnpike.registry.model.ApiSpec.DEFAULT_MAX_SIZE, id -> java.util.Map.of(),
                    new dev.turnpike.gateway.egress.UpstreamAddressPolicy(dev.turnpike.gateway.config.UpstreamRanges.none()));
            assertThat(new TreeSet<>(api.routes())).isEqualTo(documented);
        }
    }

    @Test
    void everyOperationNeedsAKnownToken() throws Exception {
        for (String[] op : operations) {
            for (String token : new String[] {null, "not-a-token"}) {
                HttpResponse<String> response = admin.as(token).send(op[0], concrete(op[1]), "{}",
                        "application/json", Map.of());
                assertThat(response.statusCode()).as(op[0] + " " + op[1] + " with " + token).isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
                assertThat(json(response).get("type").asText()).endsWith("/admin-auth-required");
            }
        }
    }

    @Test
    void readOnlyTokensMayOnlyRead() throws Exception {
        AdminClient reader = admin.as(AdminClient.READER_TOKEN);
        long version = gateway.store().version();
        for (String[] op : operations) {
            HttpResponse<String> response = reader.send(op[0], concrete(op[1]), "{}", "application/json", Map.of());
            if (op[0].equals(PathItem.HttpMethod.GET.name())) {
                assertThat(response.statusCode()).as(op[0] + " " + op[1]).isNotIn(401, 403);
            } else {
                assertThat(response.statusCode()).as(op[0] + " " + op[1]).isEqualTo(403);
            }
        }
        assertThat(gateway.store().version()).isEqualTo(version);
    }

    @Test
    void healthAndMetricsNeedNoToken() throws Exception {
        assertThat(gateway.admin("/health/ready").statusCode()).isEqualTo(200);
        assertThat(gateway.admin("/metrics").statusCode()).isEqualTo(200);
    }

    private static String concrete(String template) {
        return template.replaceAll("\\{[^}]+}", "none");
    }
}
