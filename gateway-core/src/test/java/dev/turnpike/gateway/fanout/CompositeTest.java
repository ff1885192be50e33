package dev.turnpike.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.awaitility.core.ConditionTimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.file.CatalogFile;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.IssuedApiKey;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Composite endpoints end to end: a real node, one real upstream that plays products, reviews and sellers and records
 * how many calls it holds at once.
 */
class CompositeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Paths the upstream saw, in arrival order. */
    final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger arrived = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    /** Each call is held until this many calls arrived (or 10 s pass): if they came one after the other, the first
     * would be held 10 s and the most in flight would stay 1; no timing is asserted. */
    volatile int holdUntil = 1;
    /** Released by tests whose upstream must hang until then. */
    final CountDownLatch hang = new CountDownLatch(1);
    TestUpstream upstream;
    GatewayUnderTest gateway;

    private Mono<Void> handle(reactor.netty.http.server.HttpServerRequest req,
                              reactor.netty.http.server.HttpServerResponse res) {
        String uri = req.uri();
        seen.add(uri);
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        arrived.incrementAndGet();
        Mono<Void> wait = Mono.<Void>fromRunnable(() -> {
            try {
                try {
                    await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                            .until(() -> arrived.get() >= holdUntil);
                } catch (ConditionTimeoutException e) {
                    // released anyway: the test's assertions on max in flight tell what happened
                }
                if (uri.contains("hang")) {
                    hang.await(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).subscribeOn(Schedulers.boundedElastic());
        String body = uri.startsWith("/items/") && !uri.contains("reviews") ? "{\"id\":\"7\",\"sellerId\":\"s 1\"}"
                : uri.startsWith("/sellers/") ? "{\"seller\":\"" + uri + "\"}"
                : uri.contains("big") ? "[" + "1,".repeat(700_000) + "1]"
                : uri.contains("fail") ? null : "[\"" + uri + "\"]";
        return wait.then(Mono.defer(() -> {
            inFlight.decrementAndGet();
            if (body == null) {
                return res.status(503).send();
            }
            return res.header("content-type", "application/json").sendString(Mono.just(body)).then();
        }));
    }

    @BeforeEach
    void start() throws Exception {
        upstream = TestUpstream.start("u", this::handle);
        String catalog = """
                teams: [ { id: web }, { id: catalog } ]
                pools:
                  - { id: p, instances: [ "%s" ] }
                apis:
                  - { id: products, owner: catalog, basePath: /products/v1, targets: [ { pool: p } ] }
                  - { id: reviews, owner: catalog, basePath: /reviews/v1, targets: [ { pool: p } ] }
                  - { id: sellers, owner: catalog, basePath: /sellers/v1, targets: [ { pool: p } ] }
                consumers:
                  - id: shop
                    team: web
                    subscriptions: [ { api: products }, { api: reviews, plan: { perSecond: 100, burst: 100, dailyQuota: 2 } }, { api: sellers } ]
                  - id: partial
                    team: web
                    subscriptions: [ { api: products }, { api: reviews } ]
                composites:
                  - id: product-page
                    owner: web
                    path: /pages/products/{id}
                    timeout: 15s
                    parts:
                      - { name: product, api: products, request: { path: "/items/{id}" } }
                      - { name: reviews, api: reviews, optional: true, request: { path: "/items/{id}/reviews", query: { limit: "{query.limit}" } } }
                      - { name: seller, api: sellers, request: { path: "/sellers/{product.sellerId}" } }
                  - id: three
                    owner: web
                    path: /pages/three/{id}
                    timeout: 3s
                    parts:
                      - { name: a, api: products, request: { path: "/a/{id}" } }
                      - { name: b, api: reviews, optional: true, timeout: 2s, request: { path: "/b/{id}" } }
                      - { name: c, api: sellers, request: { path: "/c/{id}" } }
                """.formatted(upstream.address());
        Catalog parsed = CatalogFile.parse(catalog, "test.yaml");
        gateway = GatewayUnderTest.start(dir, parsed, Map.of("store.pollInterval", "50ms",
                "usage.flushInterval", "100ms"));
    }

    @AfterEach
    void stop() {
        hang.countDown();
        gateway.close();
        upstream.close();
    }

    private IssuedApiKey key(String consumer, int total) {
        IssuedApiKey key = gateway.store().createKey(consumer, Optional.empty(), "test");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> gateway.server().routing().current().consumers().keyCount() == total);
        return key;
    }

    private HttpResponse<String> get(String path, IssuedApiKey key) throws Exception {
        return GatewayUnderTest.send(HttpRequest.newBuilder(gateway.uri(path)).header("X-Api-Key", key.plaintext()));
    }

    @Test
    void independentPartsRunInParallelAndADependentPartWaitsForItsInput() throws Exception {
        IssuedApiKey shop = key("shop", 1);
        holdUntil = 2; // product and reviews must be in flight together before either answers

        HttpResponse<String> page = get("/pages/products/7?limit=3", shop);

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(maxInFlight.get()).isEqualTo(2);
        JsonNode body = JSON.readTree(page.body());
        assertThat(body.at("/product/sellerId").asText()).isEqualTo("s 1");
        assertThat(body.at("/reviews/0").asText()).isEqualTo("/items/7/reviews?limit=3");
        assertThat(body.at("/seller/seller").asText()).isEqualTo("/sellers/s%201");
        assertThat(body.has(CompositeFilter.FAILURES)).isFalse();
        List<String> order = List.copyOf(seen);
        assertThat(order.indexOf("/sellers/s%201")).isGreaterThan(order.indexOf("/items/7"));
        assertThat(fieldNames(body)).containsExactly("product", "reviews", "seller");
    }

    @Test
    void anOptionalPartThatFailsIsNullAndListedARequiredOneFailsTheCompositeWith502() throws Exception {
        IssuedApiKey shop = key("shop", 1);

        HttpResponse<String> partial = get("/pages/three/fail", shop);
        assertThat(partial.statusCode()).as(partial.body()).isEqualTo(502);
        assertThat(partial.headers().firstValue("content-type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(partial.body());
        assertThat(problem.get("type").asText()).endsWith("/composite-part-failed");
        assertThat(problem.get("detail").asText()).contains("a (upstream-status, 503", "c (upstream-status, 503")
                .doesNotContain("b (");

        HttpResponse<String> page = get("/pages/products/7?limit=fail", shop);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(page.body());
        assertThat(body.get("reviews").isNull()).isTrue();
        assertThat(body.at("/_failures/reviews/status").asInt()).isEqualTo(503);
        assertThat(body.at("/_failures/reviews/api").asText()).isEqualTo("reviews");
        assertThat(body.at("/seller/seller").asText()).isEqualTo("/sellers/s%201");
    }

    @Test
    void theDeadlineCancelsRunningPartsAndReleasesTheirConnections() throws Exception {
        IssuedApiKey shop = key("shop", 1);

        HttpResponse<String> slow = get("/pages/three/hang", shop);

        assertThat(slow.statusCode()).as(slow.body()).isEqualTo(502);
        JsonNode problem = JSON.readTree(slow.body());
        assertThat(problem.get("detail").asText()).contains("a (upstream-timeout, 504", "c (upstream-timeout, 504");
        hang.countDown();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(gateway.admin("/metrics").body())
                .contains("turnpike_upstream_connections_active{instance=\"" + upstream.address()
                        + "\",pool=\"p\"} 0.0"));
    }

    @Test
    void aConsumerNotSubscribedToEveryApiIsRefusedBeforeAnyPartRuns() throws Exception {
        IssuedApiKey partial = key("partial", 1);

        HttpResponse<String> refused = get("/pages/products/7", partial);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("not-subscribed", "[sellers]");
        assertThat(seen).isEmpty();
        assertThat(GatewayUnderTest.send(HttpRequest.newBuilder(gateway.uri("/pages/products/7"))).statusCode())
                .isEqualTo(401);
    }

    @Test
    void eachPartCountsAgainstItsApisLimitAndUsage() throws Exception {
        IssuedApiKey shop = key("shop", 1);
        // reviews: a daily quota of 2 calls for shop: the third page finds the reviews part refused
        for (int i = 0; i < 2; i++) {
            assertThat(JSON.readTree(get("/pages/products/7", shop).body()).get("reviews").isNull()).isFalse();
        }
        JsonNode third = JSON.readTree(get("/pages/products/7", shop).body());
        assertThat(third.get("reviews").isNull()).isTrue();
        assertThat(third.at("/_failures/reviews/type").asText()).isEqualTo("quota-exhausted");
        assertThat(third.at("/_failures/reviews/status").asInt()).isEqualTo(429);

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(gateway.store().usageOfApi("products", today, today).get(0).calls()).isEqualTo(3);
            assertThat(gateway.store().usageOfApi("sellers", today, today).get(0).calls()).isEqualTo(3);
            assertThat(gateway.store().usageOfApi("reviews", today, today).get(0).calls()).isEqualTo(3);
        });
        assertThat(gateway.admin("/metrics").body()).contains("turnpike_composite_parts_seconds_count{api=\"reviews\","
                + "composite=\"composite:product-page\",outcome=\"optional-failed\",part=\"reviews\"} 1\n");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
