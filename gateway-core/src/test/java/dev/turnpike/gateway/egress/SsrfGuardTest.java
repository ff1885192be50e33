package dev.turnpike.gateway.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.turnpike.gateway.config.NodeSettings;
import dev.turnpike.gateway.server.TurnpikeServer;
import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.file.CatalogFileException;
import dev.turnpike.registry.model.ApiKey;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.UpstreamPool;
import dev.turnpike.registry.store.JdbcCatalogStore;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSRF guard on a real node: admin writes refuse pools at metadata addresses or at the node's own admin port
 * (changing nothing), the catalog file at start is checked the same way, and addresses that reach the store by
 * another way (a DNS name, a row written before the guard) are refused when they are resolved, so the public port
 * never serves the admin listener.
 */
class SsrfGuardTest {
    private static final String TOKEN = "ssrf-admin-token-0123456789abcdef";

    @TempDir
    Path dir;

    TestUpstream upstream;

    @BeforeEach
    void start() {
        upstream = TestUpstream.start("u");
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    private GatewayUnderTest gateway(Map<String, String> extra) {
        Map<String, String> settings = new java.util.HashMap<>(extra);
        settings.put("admin.tokens", "ops:admin:" + ApiKey.hash(TOKEN));
        settings.put("store.pollInterval", "100ms");
        return GatewayUnderTest.start(dir, TestCatalogs.oneApi("/t", "/", TestCatalogs.pool("p", upstream)), settings);
    }

    private static HttpResponse<String> putPool(GatewayUnderTest gateway, String id, String instance)
            throws Exception {
        return GatewayUnderTest.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.adminPort()
                        + "/admin/v1/pools/" + id))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id + "\",\"instances\":[\"" + instance
                        + "\"]}")));
    }

    @Test
    void adminWritesRefuseMetadataAddressesAndTheNodesOwnListenersAndChangeNothing() throws Exception {
        try (GatewayUnderTest gateway = gateway(Map.of())) {
            long version = gateway.server().routing().current().version();

            HttpResponse<String> metadata = putPool(gateway, "meta", "169.254.169.254:80");
            assertThat(metadata.statusCode()).isEqualTo(400);
            assertThat(metadata.body()).contains("invalid-request", "pools[meta].instances[0]", "169.254.0.0/16");

            HttpResponse<String> self = putPool(gateway, "self", "127.0.0.1:" + gateway.adminPort());
            assertThat(self.statusCode()).isEqualTo(400);
            assertThat(self.body()).contains("own listener");
            assertThat(putPool(gateway, "v6", "[fe80::1]:80").statusCode()).isEqualTo(400);

            assertThat(gateway.server().routing().current().version()).isEqualTo(version);
            assertThat(putPool(gateway, "sidecar", "127.0.0.1:" + upstream.port()).statusCode()).isEqualTo(201);
        }
    }

    @Test
    void anAllowedRangeLetsADeniedAddressIn() throws Exception {
        try (GatewayUnderTest gateway = gateway(Map.of("upstreams.allow", "169.254.169.254/32",
                "upstreams.deny", "10.0.0.0/8"))) {
            assertThat(putPool(gateway, "meta", "169.254.169.254:80").statusCode()).isEqualTo(201);
            assertThat(putPool(gateway, "ten", "10.1.1.1:80").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void addressesThatReachTheStoreAnotherWayAreRefusedWhenResolved() throws Exception {
        try (GatewayUnderTest gateway = gateway(Map.of())) {
            int admin = gateway.adminPort();
            // Written under the guard's nose (as an old row would be): a DNS name and a literal, both the admin port.
            Catalog catalog = new Catalog(List.of(
                    TestCatalogs.api("by-name", "/by-name", "/", List.of(new dev.turnpike.registry.model.Target(
                            "by-name", 1)), List.of()),
                    TestCatalogs.api("by-ip", "/by-ip", "/", List.of(new dev.turnpike.registry.model.Target(
                            "by-ip", 1)), List.of())),
                    List.of(UpstreamPool.of("by-name", List.of(new Instance("localhost", admin, 1))),
                            UpstreamPool.of("by-ip", List.of(new Instance("127.0.0.1", admin, 1)))));
            long written = gateway.store().replace(catalog).version();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> gateway.server().routing().current().version() >= written);

            HttpResponse<String> byIp = gateway.get("/by-ip/metrics");
            HttpResponse<String> byName = gateway.get("/by-name/metrics");
            assertThat(byIp.statusCode()).isEqualTo(502);
            assertThat(byName.statusCode()).isEqualTo(502);
            assertThat(byIp.body()).contains("upstream-failed").doesNotContain("jvm_");
            assertThat(byName.body()).contains("upstream-failed").doesNotContain("jvm_");
            // A pool never ejects itself empty (load-balancing.md), so its one instance is tried again and refused again.
            HttpResponse<String> again = gateway.get("/by-ip/metrics");
            assertThat(again.statusCode()).isEqualTo(502);
            assertThat(again.body()).contains("upstream-failed").doesNotContain("jvm_");
        }
    }

    @Test
    void aCatalogFileWithARefusedAddressDoesNotStart() throws Exception {
        Path file = dir.resolve("catalog.yaml");
        Files.writeString(file, """
                teams:
                  - id: t
                    name: T
                apis:
                  - id: a
                    name: A
                    version: v1
                    owner: t
                    basePath: /a
                    targets: [ { pool: meta, weight: 1 } ]
                pools:
                  - id: meta
                    instances: [ "169.254.169.254:80" ]
                """);
        NodeSettings settings = GatewayUnderTest.settings(dir.resolve("node"), Map.of("catalog", file.toString()));
        assertThatThrownBy(() -> TurnpikeServer.start(settings, () -> JdbcCatalogStore.embedded(dir.resolve("node"))))
                .isInstanceOf(CatalogFileException.class)
                .hasMessageContaining("pools[meta].instances[0]").hasMessageContaining("169.254.0.0/16");
    }
}
