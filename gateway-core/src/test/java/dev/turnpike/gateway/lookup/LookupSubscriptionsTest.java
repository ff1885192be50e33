package dev.turnpike.gateway.lookup;

import static dev.turnpike.gateway.lookup.LookupCalls.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiSpec;
import dev.turnpike.registry.model.Balancer;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Consumer;
import dev.turnpike.registry.model.ConsumerState;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.Lifecycle;
import dev.turnpike.registry.model.PoolSettings;
import dev.turnpike.registry.model.Subscription;
import dev.turnpike.registry.model.Target;
import dev.turnpike.registry.model.UpstreamPool;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /_turnpike/lookup/v1/subscriptions} on a real node: every subscribed API, direct or not, with its
 * document's ETag; retired APIs left out; refusals; conditional requests and watches.
 */
class LookupSubscriptionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBSCRIPTIONS = "/_turnpike/lookup/v1/subscriptions";
    private static final String YAML = "openapi: 3.0.3\ninfo: { title: %s, version: v1 }\npaths:\n"
            + "  /items:\n    get: { responses: { '200': { description: ok } } }\n";
    private static final String JSON_SPEC = "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"Orders\",\"version\":\"v2\"},"
            + "\"paths\":{\"/orders\":{\"get\":{\"responses\":{\"200\":{\"description\":\"ok\"}}}}}}";

    @TempDir
    Path dir;

    private TestUpstream upstream;
    private GatewayUnderTest gw;
    private String shop;
    private String frozen;
    private String other;

    @BeforeEach
    void start() {
        upstream = TestUpstream.start("u");
        gw = GatewayUnderTest.start(dir, catalog(false), Map.of("store.pollInterval", "50ms",
                "auth.bruteForce.maxFailures", "3"));
        shop = gw.store().createKey("shop", Optional.empty(), "test").plaintext();
        frozen = gw.store().createKey("frozen", Optional.empty(), "test").plaintext();
        other = gw.store().createKey("other", Optional.empty(), "test").plaintext();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> gw.server().routing().current().consumers().keyCount() == 3);
    }

    @AfterEach
    void stop() {
        gw.close();
        upstream.close();
    }

    /**
     * APIs {@code products} (YAML document), {@code orders} (JSON document, v2), {@code legacy} (deprecated, successor
     * products), {@code plain} (no document), {@code old} (retired), {@code hidden}. Consumer {@code shop} is
     * subscribed to all but hidden, {@code products} direct, {@code orders} direct when {@code ordersDirect};
     * {@code frozen} (suspended) to products; {@code other} to nothing.
     */
    private Catalog catalog(boolean ordersDirect) {
        List<Target> blue = List.of(new Target("blue", 1));
        List<Api> apis = List.of(
                Api.builder("products", "t", "/products/v1").targets(blue)
                        .spec(ApiSpec.parse(YAML.formatted("Products"))).build(),
                Api.builder("orders", "t", "/orders/v2").version("v2").targets(blue)
                        .spec(ApiSpec.parse(JSON_SPEC)).build(),
                Api.builder("legacy", "t", "/legacy").targets(blue).spec(ApiSpec.parse(YAML.formatted("Legacy")))
                        .deprecated(LocalDate.of(2030, 1, 31), "products").build(),
                Api.builder("plain", "t", "/plain").targets(blue).build(),
                Api.builder("old", "t", "/old").targets(blue).lifecycle(Lifecycle.RETIRED).build(),
                Api.builder("hidden", "t", "/hidden").targets(blue).spec(ApiSpec.parse(YAML.formatted("Hidden")))
                        .build());
        UpstreamPool pool = new UpstreamPool("blue", List.of(new Instance("127.0.0.1", upstream.port(), 1)),
                Balancer.LEAST_OUTSTANDING, false, PoolSettings.DEFAULTS);
        List<Consumer> consumers = List.of(new Consumer("shop", "Shop", "t", "", ConsumerState.ACTIVE),
                new Consumer("frozen", "Frozen", "t", "", ConsumerState.SUSPENDED),
                new Consumer("other", "Other", "t", "", ConsumerState.ACTIVE));
        List<Subscription> subscriptions = new ArrayList<>();
        for (String api : List.of("products", "orders", "legacy", "plain", "old")) {
            boolean direct = api.equals("products") || api.equals("orders") && ordersDirect;
            subscriptions.add(new Subscription("shop", api, Optional.empty(), direct));
        }
        subscriptions.add(new Subscription("frozen", "products", Optional.empty(), true));
        return new Catalog(List.of(), apis, List.of(pool), consumers, subscriptions);
    }

    private HttpResponse<String> get(String path, String key, String... headers) throws Exception {
        return LookupCalls.get(gw, path, key, headers);
    }

    @Test
    void listsEverySubscribedApiDirectOrNotWithItsDocumentsEtagAndLeavesRetiredOnesOut() throws Exception {
        HttpResponse<String> r = get(SUBSCRIPTIONS, shop);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(r.headers().firstValue("cache-control")).hasValue("private, max-age=5");
        assertThat(r.headers().firstValue("vary")).hasValue("X-Api-Key");
        JsonNode doc = JSON.readTree(r.body());
        assertThat(doc.get("consumer").asText()).isEqualTo("shop");
        JsonNode subs = doc.get("subscriptions");
        assertThat(subs.findValuesAsText("id")).containsExactly("legacy", "orders", "plain", "products");
        assertThat(subs.findValues("direct").stream().map(JsonNode::asBoolean))
                .containsExactly(false, false, false, true);

        JsonNode legacy = subs.get(0);
        assertThat(legacy.get("lifecycle").asText()).isEqualTo("DEPRECATED");
        assertThat(legacy.get("sunset").asText()).isEqualTo("2030-01-31");
        assertThat(legacy.get("successor").asText()).isEqualTo("products");
        JsonNode orders = subs.get(1);
        assertThat(orders.get("version").asText()).isEqualTo("v2");
        assertThat(orders.get("lifecycle").asText()).isEqualTo("ACTIVE");
        assertThat(orders.get("sunset").isNull()).isTrue();
        assertThat(orders.get("basePath").asText()).isEqualTo("/orders/v2");
        assertThat(orders.get("spec").get("mediaType").asText()).isEqualTo("application/json");
        assertThat(subs.get(2).get("spec").isNull()).as("plain has no document").isTrue();
        assertThat(subs.get(3).get("spec").get("mediaType").asText()).isEqualTo("application/yaml");

        for (JsonNode api : List.of(legacy, orders, subs.get(3))) {
            HttpResponse<String> spec = get("/_turnpike/lookup/v1/apis/" + api.get("id").asText() + "/spec", shop);
            assertThat(spec.statusCode()).as("every listed document is readable").isEqualTo(200);
            assertThat(spec.headers().firstValue("etag")).hasValue(api.get("spec").get("etag").asText());
        }
        assertThat(upstream.pending()).as("the lookup never touches an upstream").isZero();
    }

    @Test
    void refusesMissingInvalidAndSuspendedKeysAndGuardsAgainstGuessing() throws Exception {
        assertThat(JSON.readTree(get(SUBSCRIPTIONS, other).body()).get("subscriptions")).isEmpty();
        assertProblem(get(SUBSCRIPTIONS, null), 401, "missing-api-key");
        assertProblem(get(SUBSCRIPTIONS, frozen), 403, "consumer-suspended");
        assertProblem(GatewayUnderTest.send(HttpRequest.newBuilder(gw.uri(SUBSCRIPTIONS)).header("X-Api-Key", shop)
                .POST(HttpRequest.BodyPublishers.noBody())), 405, "method-not-allowed");
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> bad = get(SUBSCRIPTIONS, "tp_" + "x".repeat(39) + i);
            assertProblem(bad, 401, "invalid-api-key");
            assertThat(bad.headers().firstValue("www-authenticate")).isPresent();
        }
        HttpResponse<String> blocked = get(SUBSCRIPTIONS, shop);
        assertProblem(blocked, 429, "too-many-invalid-keys");
        assertThat(blocked.headers().firstValue("retry-after")).isPresent();
    }

    @Test
    void answers304UntilTheSubscriptionsChangeAndWakesAWatchWhenTheyDo() throws Exception {
        HttpResponse<String> first = get(SUBSCRIPTIONS, shop);
        String etag = first.headers().firstValue("etag").orElseThrow();
        HttpResponse<String> same = get(SUBSCRIPTIONS, shop, "If-None-Match", etag);
        assertThat(same.statusCode()).isEqualTo(304);
        assertThat(same.headers().firstValue("etag")).hasValue(etag);
        assertThat(same.body()).isEmpty();

        CompletableFuture<HttpResponse<String>> watch = CompletableFuture.supplyAsync(() -> {
            try {
                return get(SUBSCRIPTIONS + "?wait=30s", shop, "If-None-Match", etag);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> gw.server().lookup().parkedWatches() == 1);
        gw.store().replace(catalog(true));

        HttpResponse<String> changed = watch.get(20, TimeUnit.SECONDS);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(changed.headers().firstValue("etag")).isPresent().isNotEqualTo(Optional.of(etag));
        assertThat(JSON.readTree(changed.body()).get("subscriptions").get(1).get("direct").asBoolean()).isTrue();
        assertThat(get(SUBSCRIPTIONS, shop, "If-None-Match", etag).statusCode()).isEqualTo(200);
    }
}
