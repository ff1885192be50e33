package dev.turnpike.gateway.webui;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.file.CatalogFile;
import dev.turnpike.registry.file.CatalogFileException;
import dev.turnpike.registry.model.ApiKey;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.store.UsageCount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real node for the web catalog's browser tests and screenshots: three teams, a products API with an OpenAPI
 * document split across a blue and a green pool (real upstreams on free ports), a deprecated predecessor, a reviews
 * API, 30 more APIs so the list pages, two consumers with keys, and two weeks of usage in the store.
 */
final class WebCatalogNode implements AutoCloseable {
    static final String ADMIN_TOKEN = "web-admin-token-0123456789abcdef";
    static final String READER_TOKEN = "web-reader-token-0123456789abcdef";
    static final int FILLER_APIS = 30;

    static final String PRODUCTS_SPEC = """
            openapi: 3.0.3
            info: {title: Products, version: "1.4", description: "Items for sale, with prices and stock."}
            paths:
              /items:
                get:
                  operationId: listItems
                  summary: Items, newest first
                  parameters:
                    - {name: limit, in: query, schema: {type: integer}}
                  responses:
                    "200": {description: a page of items}
                post:
                  operationId: createItem
                  summary: Adds an item
                  responses:
                    "201": {description: created}
                    "400": {description: invalid item}
              /items/{id}:
                parameters:
                  - {name: id, in: path, required: true, schema: {type: integer}}
                get:
                  operationId: getItem
                  summary: One item
                  responses:
                    "200": {description: the item}
                    "404": {description: no such item}
            """;

    final TestUpstream blue = TestUpstream.start("blue");
    final TestUpstream green = TestUpstream.start("green");
    final TestUpstream reviews = TestUpstream.start("reviews");
    final GatewayUnderTest gateway;
    /** API keys by consumer id. */
    final Map<String, String> keys;

    WebCatalogNode(Path dir) throws CatalogFileException {
        this(dir, Map.of());
    }

    /** A node with {@code extra} settings on top of the fixture's. */
    WebCatalogNode(Path dir, Map<String, String> extra) throws CatalogFileException {
        Map<String, String> settings = new java.util.HashMap<>(Map.of(
                "admin.tokens", "ops:admin:" + ApiKey.hash(ADMIN_TOKEN) + ",viewer:read-only:"
                        + ApiKey.hash(READER_TOKEN),
                "usage.flushInterval", "200ms"));
        settings.putAll(extra);
        gateway = GatewayUnderTest.start(dir, catalog(), settings);
        keys = Map.of("mypage-web", key("mypage-web"), "mobile-app", key("mobile-app"));
        seedUsage();
    }

    private Catalog catalog() throws CatalogFileException {
        StringBuilder yaml = new StringBuilder("""
                teams:
                  - {id: catalog-team, name: Catalog, contact: catalog@example.com, description: Products and prices}
                  - {id: web-team, name: Web, contact: web@example.com}
                  - {id: mobile-team, name: Mobile apps, contact: mobile@example.com}
                apis:
                  - id: products
                    name: Products
                    version: v1
                    owner: catalog-team
                    description: Items, prices and stock
                    basePath: /products/v1
                    criticality: CRITICAL
                    policies: {timeout: 2s, rateLimit: {perSecond: 200, burst: 400}}
                    targets: [{pool: products-blue, weight: 100}, {pool: products-green, weight: 0}]
                    spec:
                      document: |
                """);
        PRODUCTS_SPEC.lines().forEach(l -> yaml.append("          ").append(l).append('\n'));
        yaml.append("""
                  - id: products-v0
                    name: Products (old)
                    version: v0
                    owner: catalog-team
                    basePath: /products/v0
                    lifecycle: DEPRECATED
                    sunset: 2027-06-30
                    successor: products
                    targets: [{pool: products-blue, weight: 100}]
                  - id: reviews
                    name: Reviews
                    version: v1
                    owner: web-team
                    description: What buyers say about products
                    basePath: /reviews/v1
                    targets: [{pool: reviews, weight: 100}]
                    routes: [{method: GET, path: "/items/{id}/reviews"}, {method: POST, path: "/items/{id}/reviews"}]
                """);
        for (int i = 1; i <= FILLER_APIS; i++) {
            String id = String.format("inventory-%02d", i);
            yaml.append("  - {id: ").append(id).append(", name: Inventory ").append(i).append(", owner: ")
                    .append(i % 2 == 0 ? "catalog-team" : "mobile-team").append(", basePath: /inventory/")
                    .append(id).append(", targets: [{pool: reviews, weight: 1}]}\n");
        }
        yaml.append("pools:\n")
                .append("  - {id: products-blue, instances: [\"").append(blue.address()).append("\"]}\n")
                .append("  - {id: products-green, instances: [\"").append(green.address()).append("\"]}\n")
                .append("  - {id: reviews, instances: [\"").append(reviews.address()).append("\"]}\n")
                .append("""
                consumers:
                  - id: mypage-web
                    name: My page (web)
                    team: web-team
                    contact: web@example.com
                    subscriptions:
                      - {api: products, plan: {perSecond: 500, burst: 1000, dailyQuota: 10000000}, direct: true}
                      - {api: products-v0}
                      - {api: reviews}
                  - id: mobile-app
                    name: Mobile app
                    team: mobile-team
                    subscriptions:
                      - {api: products}
                      - {api: products-v0}
                """);
        return CatalogFile.parse(yaml.toString(), "web catalog fixture");
    }

    /** Issues a key through the admin API, which makes it live on the node before answering. */
    private String key(String consumer) {
        try {
            HttpResponse<String> issued = admin("POST", "/admin/v1/consumers/" + consumer + "/keys", null, Map.of());
            if (issued.statusCode() != 201) {
                throw new IllegalStateException("no key for " + consumer + ": " + issued.body());
            }
            return new ObjectMapper().readTree(issued.body()).get("key").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Thirteen days of calls before today, so the charts have a history; today's calls come from real traffic. */
    private void seedUsage() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<UsageCount> counts = new ArrayList<>();
        for (int d = 13; d >= 1; d--) {
            LocalDate day = today.minusDays(d);
            Instant seen = day.atTime(15, 30).toInstant(ZoneOffset.UTC);
            counts.add(new UsageCount("mypage-web", "products", day, 900 + 40L * ((d * 7) % 11), 3, seen));
            counts.add(new UsageCount("mobile-app", "products", day, 300 + 25L * ((d * 5) % 7), 1, seen));
            counts.add(new UsageCount("mypage-web", "reviews", day, 120 + 10L * (d % 4), 0, seen));
            if (d > 4) {
                counts.add(new UsageCount("mobile-app", "products-v0", day, 60L * (d - 4), 0, seen));
            }
        }
        gateway.store().addUsage(counts);
    }

    /** GET through the public listener with {@code consumer}'s key. */
    HttpResponse<String> call(String consumer, String path) throws IOException, InterruptedException {
        return callWithKey(keys.get(consumer), path);
    }

    /** GET through the public listener with an API key. */
    HttpResponse<String> callWithKey(String key, String path) throws IOException, InterruptedException {
        return GatewayUnderTest.send(HttpRequest.newBuilder(gateway.uri(path)).header("X-Api-Key", key).GET());
    }

    /** {@code http://127.0.0.1:<admin port>/ui/}. */
    String uiUrl() {
        return "http://127.0.0.1:" + gateway.adminPort() + "/ui/";
    }

    /** A call to the admin API with the admin token. */
    HttpResponse<String> admin(String method, String path, String json, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.adminPort() + path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        return GatewayUnderTest.send(b);
    }

    @Override
    public void close() {
        try {
            gateway.close();
        } finally {
            blue.close();
            green.close();
            reviews.close();
        }
    }
}
