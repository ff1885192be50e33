package dev.turnpike.gateway.lookup;

import static dev.turnpike.gateway.lookup.LookupCalls.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.gateway.testing.DirectCatalogs;
import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.IssuedApiKey;
import dev.turnpike.registry.model.PoolTls;
import dev.turnpike.registry.model.UpstreamPool;
import dev.turnpike.registry.store.CatalogChange;
import dev.turnpike.registry.store.ConsumerUsage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The route lookup API on a real node: answers, refusals, conditional requests, watches and usage reports. */
class LookupApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APIS = "/_turnpike/lookup/v1/apis";

    @TempDir
    Path dir;

    private TestUpstream upstream;
    private GatewayUnderTest gw;
    private String shop;
    private String web;
    private String other;

    @BeforeEach
    void start() {
        start(dir.resolve("first"), Map.of());
    }

    private void start(Path dataDir, Map<String, String> settings) {
        upstream = TestUpstream.start("u");
        Map<String, String> s = new HashMap<>(Map.of("store.pollInterval", "50ms", "usage.flushInterval", "100ms"));
        s.putAll(settings);
        gw = GatewayUnderTest.start(dataDir, DirectCatalogs.catalog(DirectCatalogs.instances(upstream)), s);
        shop = key("shop");
        web = key("web");
        other = key("other");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> gw.server().routing().current().consumers().keyCount() == 3);
    }

    @AfterEach
    void stop() {
        gw.close();
        upstream.close();
    }

    private String key(String consumer) {
        IssuedApiKey k = gw.store().createKey(consumer, Optional.empty(), "test");
        return k.plaintext();
    }

    private HttpResponse<String> get(String path, String key, String... headers) throws Exception {
        return LookupCalls.get(gw, path, key, headers);
    }

    @Test
    void describesAPoolsTlsNameCheckButNotTheGatewaysFiles() throws Exception {
        UpstreamPool blue = gw.store().load().catalog().pool("blue");
        UpstreamPool secure = new UpstreamPool(blue.id(), blue.instances(), blue.balancer(),
                Optional.of(PoolTls.DEFAULTS.withCa("/etc/turnpike/ca.pem").withServerName("products.internal")
                        .withClientCertificate("/etc/turnpike/gw.pem", "/etc/turnpike/gw-key.pem")),
                blue.settings(), blue.outliers(), blue.healthCheck());
        gw.store().apply(gw.store().load(), List.of(new CatalogChange.PutPool(secure)), "test");

        await().atMost(Duration.ofSeconds(10)).until(() ->
                JSON.readTree(get(APIS + "/products", shop).body()).get("pools").get(0).get("tls").asBoolean());
        HttpResponse<String> one = get(APIS + "/products", shop);
        JsonNode pool = JSON.readTree(one.body()).get("pools").get(0);
        assertThat(pool.get("tlsServerName").asText()).isEqualTo("products.internal");
        assertThat(pool.get("tlsVerifyHostname").asBoolean()).isTrue();
        assertThat(one.body()).doesNotContain("/etc/turnpike");
    }

    @Test
    void describesTheDirectApisOfTheCallerWithItsPlanAndAnswers304ToItsEtag() throws Exception {
        HttpResponse<String> all = get(APIS, shop);
        assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
        assertThat(all.headers().firstValue("cache-control")).hasValue("private, max-age=5");
        String etag = all.headers().firstValue("etag").orElseThrow();
        JsonNode doc = JSON.readTree(all.body());
        assertThat(doc.get("consumer").asText()).isEqualTo("shop");
        assertThat(doc.get("apis")).hasSize(1);
        JsonNode products = doc.get("apis").get(0);
        assertThat(products.get("id").asText()).isEqualTo("products");
        assertThat(products.get("basePath").asText()).isEqualTo("/products/v1");
        assertThat(products.get("timeoutMillis").asLong()).isEqualTo(2000);
        assertThat(products.get("retry").get("onStatus").get(0).asInt()).isEqualTo(503);
        assertThat(products.get("routes")).hasSize(2);
        JsonNode pool = products.get("pools").get(0);
        assertThat(pool.get("id").asText()).isEqualTo("blue");
        assertThat(pool.get("balancer").asText()).isEqualTo("LEAST_OUTSTANDING");
        JsonNode instance = pool.get("instances").get(0);
        assertThat(instance.get("port").asInt()).isEqualTo(upstream.port());
        assertThat(instance.get("ejected").asBoolean()).isFalse();
        assertThat(products.get("plan").get("perSecond").asInt()).isEqualTo(1000);
        assertThat(products.get("plan").get("dailyQuota").asLong()).isEqualTo(1_000_000);

        HttpResponse<String> same = get(APIS, shop, "If-None-Match", etag);
        assertThat(same.statusCode()).isEqualTo(304);
        assertThat(same.headers().firstValue("etag")).hasValue(etag);

        HttpResponse<String> one = get(APIS + "/products", shop);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(one.body())).isEqualTo(products);
        assertThat(get(APIS + "/products", shop, "If-None-Match", one.headers().firstValue("etag").orElseThrow())
                .statusCode()).isEqualTo(304);
        assertThat(upstream.pending()).as("the lookup never touches an upstream").isZero();
    }

    @Test
    void refusesCallersThatMayNotCallDirectly() throws Exception {
        assertProblem(get(APIS + "/products", web), 403, "direct-not-allowed");
        assertThat(JSON.readTree(get(APIS, web).body()).get("apis")).isEmpty();
        assertProblem(get(APIS + "/products", other), 403, "not-subscribed");
        assertProblem(get(APIS + "/nothing", shop), 404, "not-found");
        assertProblem(get(APIS, null), 401, "missing-api-key");
        HttpResponse<String> bad = get(APIS, "tp_" + "x".repeat(40));
        assertProblem(bad, 401, "invalid-api-key");
        assertThat(bad.headers().firstValue("www-authenticate")).isPresent();
        assertProblem(get("/_turnpike/lookup/v1/elsewhere", shop), 404, "no-route");
        assertProblem(GatewayUnderTest.send(HttpRequest.newBuilder(gw.uri(APIS)).header("X-Api-Key", shop)
                .DELETE()), 405, "method-not-allowed");
        assertProblem(get(APIS + "?wait=soon", shop), 400, "invalid-request");
    }

    @Test
    void servesTheOpenApiDocumentToEverySubscriber() throws Exception {
        HttpResponse<String> forWeb = get(APIS + "/products/spec", web);
        assertThat(forWeb.statusCode()).isEqualTo(200);
        assertThat(forWeb.body()).isEqualTo(DirectCatalogs.SPEC);
        assertThat(forWeb.headers().firstValue("content-type")).hasValue("application/yaml");
        assertThat(get(APIS + "/products/spec", shop).body()).isEqualTo(DirectCatalogs.SPEC);
        assertProblem(get(APIS + "/products/spec", other), 403, "not-subscribed");
        assertProblem(get(APIS + "/orders/spec", shop), 404, "not-found");
    }

    @Test
    void aWatchAnswersWhenTheRoutingChangesAnd304WhenTheWaitEnds() throws Exception {
        HttpResponse<String> first = get(APIS, shop);
        String etag = first.headers().firstValue("etag").orElseThrow();

        long start = System.nanoTime();
        HttpResponse<String> unchanged = get(APIS + "?wait=300ms", shop, "If-None-Match", etag);
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(System.nanoTime() - start).as("parked for the wait").isGreaterThanOrEqualTo(250_000_000L);

        CompletableFuture<HttpResponse<String>> watch = CompletableFuture.supplyAsync(() -> {
            try {
                return get(APIS + "?wait=30s", shop, "If-None-Match", etag);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        LookupFilter filter = lookupFilter();
        await().atMost(Duration.ofSeconds(10)).until(() -> filter.parkedWatches() == 1);
        Catalog changed = DirectCatalogs.catalog(List.of(new Instance("127.0.0.1", upstream.port(), 1),
                new Instance("127.0.0.1", 1, 3)));
        gw.store().replace(changed);

        HttpResponse<String> answer = watch.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("etag")).isPresent().isNotEqualTo(Optional.of(etag));
        JsonNode instances = JSON.readTree(answer.body()).get("apis").get(0).get("pools").get(0).get("instances");
        assertThat(instances).hasSize(2);
        assertThat(instances.get(1).get("weight").asInt()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> filter.parkedWatches() == 0);
    }

    @Test
    void aWatchOfARevokedKeyEndsWithTheRefusal() throws Exception {
        IssuedApiKey extra = gw.store().createKey("shop", Optional.empty(), "test");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> gw.server().routing().current().consumers().keyCount() == 4);
        String etag = get(APIS, extra.plaintext()).headers().firstValue("etag").orElseThrow();
        CompletableFuture<HttpResponse<String>> watch = CompletableFuture.supplyAsync(() -> {
            try {
                return get(APIS + "?wait=30s", extra.plaintext(), "If-None-Match", etag);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> lookupFilter().parkedWatches() == 1);
        gw.store().revokeKey(extra.key().id(), "test");
        assertProblem(watch.get(20, java.util.concurrent.TimeUnit.SECONDS), 401, "invalid-api-key");
    }

    @Test
    void usageReportsCountAsDirectCallsOfTheReportingConsumerOnly() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        HttpResponse<String> ok = post(shop, "{\"usage\":[{\"api\":\"products\",\"day\":\"" + today
                + "\",\"calls\":7,\"errors\":2}]}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);

        HttpResponse<String> notDirect = post(web, "{\"usage\":[{\"api\":\"products\",\"day\":\"" + today
                + "\",\"calls\":1}]}");
        assertProblem(notDirect, 400, "invalid-request");
        assertThat(notDirect.body()).contains("/usage/0/api");
        HttpResponse<String> bad = post(shop, "{\"usage\":[{\"api\":\"products\",\"day\":\"1999-01-01\","
                + "\"calls\":-1,\"errors\":3}]}");
        assertProblem(bad, 400, "invalid-request");
        assertThat(bad.body()).contains("/usage/0/day", "/usage/0/calls", "/usage/0/errors");
        assertProblem(post(shop, "x".repeat(70_000)), 413, "body-too-large");

        await().atMost(Duration.ofSeconds(10)).until(() -> !gw.store().usageOfApi("products", today, today).isEmpty());
        ConsumerUsage usage = gw.store().usageOfApi("products", today, today).get(0);
        assertThat(usage.consumer()).isEqualTo("shop");
        assertThat(List.of(usage.calls(), usage.errors(), usage.directCalls(), usage.directErrors()))
                .containsExactly(7L, 2L, 7L, 2L);
    }

    @Test
    void aWatchBeyondTheBoundIsAnsweredAtOnce() throws Exception {
        stop();
        start(dir.resolve("second"), Map.of("lookup.maxWatchers", "0", "lookup.maxAge", "2s"));
        HttpResponse<String> first = get(APIS, shop);
        assertThat(first.headers().firstValue("cache-control")).hasValue("private, max-age=2");
        long start = System.nanoTime();
        HttpResponse<String> r = get(APIS + "?wait=20s", shop, "If-None-Match",
                first.headers().firstValue("etag").orElseThrow());
        assertThat(r.statusCode()).isEqualTo(304);
        assertThat(System.nanoTime() - start).as("not parked").isLessThan(Duration.ofSeconds(15).toNanos());
    }

    private HttpResponse<String> post(String key, String body) throws Exception {
        return GatewayUnderTest.send(HttpRequest.newBuilder(gw.uri("/_turnpike/lookup/v1/usage"))
                .header("X-Api-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private LookupFilter lookupFilter() {
        return gw.server().lookup();
    }
}
