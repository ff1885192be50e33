package dev.turnpike.gateway.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.turnpike.client.ApiRouting;
import dev.turnpike.client.ClientMetrics;
import dev.turnpike.client.TurnpikeClient;
import dev.turnpike.gateway.testing.DirectCatalogs;
import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.model.ApiKey;
import dev.turnpike.registry.model.IssuedApiKey;
import dev.turnpike.registry.store.ConsumerUsage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client runtime ({@code gateway-client}) against a real gateway node and real upstreams: direct calls skip the
 * gateway's proxy and still count as usage, routing changes reach a watching client, dead instances are skipped,
 * direct calls outlive the gateway, and callers without {@code direct} (or with a revoked key) go through the gateway.
 */
class EndToEndClientTest {
    private static final String ADMIN_TOKEN = "end-to-end-admin-token-0123456789";
    private static final Map<String, String> FAST = Map.of("store.pollInterval", "50ms", "usage.flushInterval", "100ms",
            "admin.tokens", "test:read-only:" + ApiKey.hash(ADMIN_TOKEN));

    @TempDir
    Path dir;

    /** Counts the client's calls by path and reason. */
    private static final class CountingMetrics implements ClientMetrics {
        final AtomicInteger direct = new AtomicInteger();
        final Map<Fallback, AtomicInteger> viaGateway = new ConcurrentHashMap<>();

        @Override
        public void direct(String api, int status, long nanos) {
            direct.incrementAndGet();
        }

        @Override
        public void viaGateway(String api, Fallback reason, long nanos) {
            viaGateway.computeIfAbsent(reason, r -> new AtomicInteger()).incrementAndGet();
        }

        int via(Fallback reason) {
            AtomicInteger n = viaGateway.get(reason);
            return n == null ? 0 : n.get();
        }
    }

    private static TurnpikeClient client(GatewayUnderTest gw, String key, ClientMetrics metrics) {
        return TurnpikeClient.builder("http://127.0.0.1:" + gw.port(), key)
                .lookupTimeout(Duration.ofSeconds(10))
                .watchWait(Duration.ofSeconds(5))
                .usageInterval(Duration.ofMillis(200))
                .metrics(metrics)
                .build();
    }

    private static String key(GatewayUnderTest gw, String consumer, int expectedKeys) {
        IssuedApiKey k = gw.store().createKey(consumer, Optional.empty(), "test");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> gw.server().routing().current().consumers().keyCount() == expectedKeys);
        return k.plaintext();
    }

    private static Response get(OkHttpClient http, int gatewayPort, String path) throws IOException {
        return http.newCall(new Request.Builder().url("http://127.0.0.1:" + gatewayPort + path).build()).execute();
    }

    private static String body(OkHttpClient http, int gatewayPort, String path) throws IOException {
        try (Response r = get(http, gatewayPort, path)) {
            return r.code() + " " + r.body().string();
        }
    }

    @Test
    void directCallsSkipTheGatewaysProxyAndStillShowInUsageAsDirect() throws Exception {
        try (TestUpstream upstream = TestUpstream.start("u");
             GatewayUnderTest gw = GatewayUnderTest.start(dir, DirectCatalogs.catalog(DirectCatalogs.instances(upstream)),
                     FAST)) {
            String shop = key(gw, "shop", 1);
            CountingMetrics metrics = new CountingMetrics();
            try (TurnpikeClient client = client(gw, shop, metrics)) {
                assertThat(client.directApis()).extracting(ApiRouting::id).containsExactly("products");
                for (int i = 0; i < 5; i++) {
                    assertThat(body(client.httpClient(), gw.port(), "/products/v1/items/" + i)).startsWith("200 ");
                    TestUpstream.Seen seen = upstream.take();
                    assertThat(seen.uri()).isEqualTo("/items/" + i);
                    assertThat(seen.headers().get("via")).as("no gateway hop").isNull();
                    assertThat(seen.headers().get("x-api-key")).as("the key stays with the caller").isNull();
                    assertThat(seen.headers().get("x-consumer-id")).isEqualTo("shop");
                }
                assertThat(metrics.direct.get()).isEqualTo(5);
                assertThat(gw.admin("/metrics").body()).as("the proxy counted nothing for products")
                        .doesNotContain("api=\"products\"");

                // orders is subscribed without direct: through the gateway, which adds Via.
                assertThat(body(client.httpClient(), gw.port(), "/orders/x")).startsWith("200 ");
                assertThat(upstream.take().headers().get("via")).isEqualTo("1.1 turnpike");
                assertThat(metrics.via(ClientMetrics.Fallback.NOT_DIRECT)).isEqualTo(1);

                client.flushUsage();
            }
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            await().atMost(Duration.ofSeconds(10)).until(() -> !gw.store().usageOfApi("products", today, today)
                    .isEmpty());
            assertThat(gw.store().usageOfApi("products", today, today))
                    .containsExactly(new ConsumerUsage("shop", 5, 0, gw.store().usageOfApi("products", today, today)
                            .get(0).lastSeen(), 5, 0));
            String consumers = GatewayUnderTest.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + gw.adminPort() + "/admin/v1/apis/products/consumers"))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN)).body();
            assertThat(consumers).contains("\"consumer\":\"shop\"", "\"direct\":true", "\"directCalls\":5");
        }
    }

    @Test
    void aRoutingChangeReachesAWatchingClient() throws Exception {
        try (TestUpstream a = TestUpstream.start("a");
             TestUpstream b = TestUpstream.start("b");
             GatewayUnderTest gw = GatewayUnderTest.start(dir, DirectCatalogs.catalog(DirectCatalogs.instances(a)),
                     FAST)) {
            String shop = key(gw, "shop", 1);
            try (TurnpikeClient client = client(gw, shop, ClientMetrics.NONE)) {
                assertThat(body(client.httpClient(), gw.port(), "/products/v1/items")).contains("\"a\"");
                a.take();
                gw.store().replace(DirectCatalogs.catalog(DirectCatalogs.instances(b)));
                await().atMost(Duration.ofSeconds(10)).until(() -> client.directApis().get(0).pools().get(0)
                        .instances().get(0).port() == b.port());
                assertThat(body(client.httpClient(), gw.port(), "/products/v1/items")).contains("\"b\"");
                assertThat(b.take().headers().get("via")).isNull();
                assertThat(a.pending()).isZero();
            }
        }
    }

    @Test
    void aKilledInstanceIsSkippedAndTheCallRetriedOnAnother() throws Exception {
        TestUpstream doomed = TestUpstream.start("doomed");
        try (TestUpstream alive = TestUpstream.start("alive");
             GatewayUnderTest gw = GatewayUnderTest.start(dir,
                     DirectCatalogs.catalog(DirectCatalogs.instances(doomed, alive)), FAST)) {
            String shop = key(gw, "shop", 1);
            CountingMetrics metrics = new CountingMetrics();
            try (TurnpikeClient client = client(gw, shop, metrics)) {
                doomed.close();
                for (int i = 0; i < 20; i++) {
                    assertThat(body(client.httpClient(), gw.port(), "/products/v1/items/" + i)).startsWith("200 ")
                            .contains("\"alive\"");
                    assertThat(alive.take().headers().get("via")).as("direct, not through the gateway").isNull();
                }
                assertThat(metrics.direct.get()).isEqualTo(20);
                assertThat(metrics.viaGateway).isEmpty();
            }
        }
    }

    @Test
    void directCallsGoOnWhenTheGatewayStops() throws Exception {
        try (TestUpstream upstream = TestUpstream.start("u")) {
            GatewayUnderTest gw = GatewayUnderTest.start(dir,
                    DirectCatalogs.catalog(DirectCatalogs.instances(upstream)), FAST);
            int port = gw.port();
            String shop = key(gw, "shop", 1);
            try (TurnpikeClient client = client(gw, shop, ClientMetrics.NONE)) {
                assertThat(body(client.httpClient(), port, "/products/v1/items")).startsWith("200 ");
                upstream.take();
                gw.close();
                for (int i = 0; i < 5; i++) {
                    assertThat(body(client.httpClient(), port, "/products/v1/items")).startsWith("200 ");
                    assertThat(upstream.take().headers().get("via")).isNull();
                }
            } finally {
                gw.close();
            }
        }
    }

    @Test
    void aConsumerWithoutDirectIsRefusedTheLookupAndCallsThroughTheGateway() throws Exception {
        try (TestUpstream upstream = TestUpstream.start("u");
             GatewayUnderTest gw = GatewayUnderTest.start(dir, DirectCatalogs.catalog(DirectCatalogs.instances(upstream)),
                     FAST)) {
            String web = key(gw, "web", 1);
            CountingMetrics metrics = new CountingMetrics();
            try (TurnpikeClient client = client(gw, web, metrics)) {
                assertThat(client.hasRouting()).isTrue();
                assertThat(client.directApis()).isEmpty();
                assertThat(body(client.httpClient(), gw.port(), "/products/v1/items")).startsWith("200 ");
                TestUpstream.Seen seen = upstream.take();
                assertThat(seen.headers().get("via")).isEqualTo("1.1 turnpike");
                assertThat(seen.headers().get("x-consumer-id")).isEqualTo("web");
                assertThat(metrics.via(ClientMetrics.Fallback.NOT_DIRECT)).isEqualTo(1);
            }
        }
    }

    @Test
    void aRevokedKeyStopsDirectCallsWithinOneRefresh() throws Exception {
        try (TestUpstream upstream = TestUpstream.start("u");
             GatewayUnderTest gw = GatewayUnderTest.start(dir, DirectCatalogs.catalog(DirectCatalogs.instances(upstream)),
                     FAST)) {
            IssuedApiKey issued = gw.store().createKey("shop", Optional.empty(), "test");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> gw.server().routing().current().consumers().keyCount() == 1);
            try (TurnpikeClient client = client(gw, issued.plaintext(), ClientMetrics.NONE)) {
                assertThat(body(client.httpClient(), gw.port(), "/products/v1/items")).startsWith("200 ");
                upstream.take();
                gw.store().revokeKey(issued.key().id(), "test");
                await().atMost(Duration.ofSeconds(10)).until(() -> client.directApis().isEmpty());
                assertThat(body(client.httpClient(), gw.port(), "/products/v1/items")).startsWith("401 ")
                        .contains("invalid-api-key");
                assertThat(upstream.pending()).as("nothing reached the upstream").isZero();
            }
        }
    }
}
