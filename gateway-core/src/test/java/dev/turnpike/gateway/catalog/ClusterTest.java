package dev.turnpike.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.turnpike.gateway.config.NodeSettings;
import dev.turnpike.gateway.server.TurnpikeServer;
import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.store.CatalogChange;
import dev.turnpike.registry.store.CatalogStore;
import dev.turnpike.registry.store.JdbcCatalogStore;
import dev.turnpike.registry.store.VersionedCatalog;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several nodes on one real PostgreSQL: a change written to the store is served by every node within a second; with
 * the database stopped the nodes keep serving and a restarted node comes up from its snapshot file.
 */
class ClusterTest {
    @TempDir
    Path dir;

    EmbeddedPostgres postgres;
    String jdbcUrl;
    TestUpstream upstream;

    @BeforeEach
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(true).start();
        jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
        upstream = TestUpstream.start("u");
    }

    @AfterEach
    void stop() throws Exception {
        upstream.close();
        if (postgres != null) {
            postgres.close();
        }
    }

    private String url() {
        return jdbcUrl;
    }

    private CatalogStore adminStore() {
        return JdbcCatalogStore.connect(url(), "postgres", "postgres");
    }

    private TurnpikeServer node(String name) throws Exception {
        return node(name, "100ms");
    }

    private TurnpikeServer node(String name, String pollInterval) throws Exception {
        NodeSettings settings = GatewayUnderTest.settings(dir.resolve(name), Map.of(
                "store.url", url(), "store.user", "postgres", "store.pollInterval", pollInterval));
        return TurnpikeServer.start(settings, () -> JdbcCatalogStore.connect(url(), "postgres", "postgres"));
    }

    private static int status(TurnpikeServer node, String path) {
        try {
            return GatewayUnderTest.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + node.publicPort() + path))).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static String ready(TurnpikeServer node) throws Exception {
        return GatewayUnderTest.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + node.adminPort() + "/health/ready"))).body();
    }

    private Catalog catalogWith(String... basePaths) {
        var pool = TestCatalogs.pool("p", upstream);
        List<dev.turnpike.registry.model.Api> apis = new java.util.ArrayList<>();
        for (String base : basePaths) {
            apis.add(TestCatalogs.api(base.substring(1), base, "/",
                    List.of(new dev.turnpike.registry.model.Target("p", 1)), List.of()));
        }
        return new Catalog(apis, List.of(pool));
    }

    @Test
    void aChangeInTheStoreReachesEveryNodeWithinASecond() throws Exception {
        try (CatalogStore store = adminStore()) {
            store.replace(catalogWith("/one"));
            try (TurnpikeServer a = node("a"); TurnpikeServer b = node("b")) {
                assertThat(status(a, "/one/x")).isEqualTo(200);
                assertThat(status(b, "/two/x")).isEqualTo(404);

                long written = System.nanoTime();
                store.replace(catalogWith("/one", "/two"));
                await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
                    assertThat(status(a, "/two/x")).isEqualTo(200);
                    assertThat(status(b, "/two/x")).isEqualTo(200);
                });
                System.out.printf("cluster propagation: both nodes served the change after %d ms%n",
                        (System.nanoTime() - written) / 1_000_000);
                assertThat(ready(a)).contains("\"catalogVersion\":2", "\"store\":\"UP\"");
            }
        }
    }

    @Test
    void withAThirtySecondPollIntervalNotificationsAloneBringEachChangeToEveryNodeWithinASecond() throws Exception {
        try (CatalogStore store = adminStore()) {
            store.replace(catalogWith("/one"));
            try (TurnpikeServer a = node("a", "30s"); TurnpikeServer b = node("b", "30s")) {
                assertThat(status(b, "/one/x")).isEqualTo(200);
                List<Long> millis = new java.util.ArrayList<>();
                String[] paths = {"/one", "/two", "/three", "/four", "/five", "/six"};
                for (int n = 2; n <= paths.length; n++) {
                    String added = paths[n - 1];
                    VersionedCatalog base = store.load();
                    long written = System.nanoTime();
                    store.apply(base, List.of(new CatalogChange.PutApi(TestCatalogs.api(added.substring(1), added, "/",
                            List.of(new dev.turnpike.registry.model.Target("p", 1)), List.of()))), "test");
                    await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(5)).untilAsserted(() -> {
                        assertThat(status(a, added + "/x")).isEqualTo(200);
                        assertThat(status(b, added + "/x")).isEqualTo(200);
                    });
                    millis.add((System.nanoTime() - written) / 1_000_000);
                }
                System.out.printf("cluster propagation by NOTIFY (30 s poll interval): both nodes served each change"
                        + " after %s ms%n", millis);
                assertThat(ready(b)).contains("\"catalogVersion\":" + paths.length, "\"store\":\"UP\"");
            }
        }
    }

    @Test
    void atTenThousandApisNodesLoadOnlyWhatChangedAndServeEachChangeWithinASecond() throws Exception {
        String[] bases = new String[10_000];
        for (int i = 0; i < bases.length; i++) {
            bases[i] = "/api" + i;
        }
        try (CatalogStore store = adminStore()) {
            store.replace(catalogWith(bases));
            try (TurnpikeServer a = node("a", "30s"); TurnpikeServer b = node("b", "30s")) {
                List<Long> millis = new java.util.ArrayList<>();
                VersionedCatalog base = store.load();
                dev.turnpike.registry.model.Api first = b.routing().current().catalog().apis().get(0);
                for (int n = 0; n < 20; n++) {
                    String added = "/added" + n;
                    long written = System.nanoTime();
                    base = store.apply(base, List.of(new CatalogChange.PutApi(TestCatalogs.api(added.substring(1),
                            added, "/", List.of(new dev.turnpike.registry.model.Target("p", 1)), List.of()))), "test");
                    await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(2)).untilAsserted(() -> {
                        assertThat(status(a, added + "/x")).isEqualTo(200);
                        assertThat(status(b, added + "/x")).isEqualTo(200);
                    });
                    millis.add((System.nanoTime() - written) / 1_000_000);
                }
                System.out.printf("cluster propagation at 10,000 APIs by NOTIFY: both nodes served each change"
                        + " after %s ms%n", millis);
                assertThat(status(b, "/api9999/x")).isEqualTo(200);
                // Read as changes (loadSince), not loaded whole: the unchanged APIs are still the objects of start.
                assertThat(b.routing().current().catalog().apis().get(0)).isSameAs(first);
            }
        }
    }

    @Test
    void nodesKeepServingWithoutTheStoreAndARestartedNodeStartsFromItsSnapshotFile() throws Exception {
        try (CatalogStore store = adminStore()) {
            store.replace(catalogWith("/one"));
        }
        try (TurnpikeServer a = node("a")) {
            TurnpikeServer b = node("b");
            try {
                assertThat(status(b, "/one/x")).isEqualTo(200);
                postgres.close();
                postgres = null;
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(ready(a)).contains("\"store\":\"DEGRADED\""));
                assertThat(status(a, "/one/x")).isEqualTo(200);
                assertThat(status(b, "/one/x")).isEqualTo(200);
            } finally {
                b.close();
            }
            try (TurnpikeServer restarted = node("b")) {
                assertThat(status(restarted, "/one/x")).isEqualTo(200);
                assertThat(ready(restarted)).contains("\"catalogVersion\":1", "\"store\":\"DEGRADED\"");
            }
            assertThat(status(a, "/one/x")).isEqualTo(200);
        }
    }

    @Test
    void aNodeWithNeitherStoreNorSnapshotRefusesToStart() throws Exception {
        String unreachable = url().replaceFirst(":\\d+/", ":1/");
        NodeSettings settings = GatewayUnderTest.settings(dir.resolve("c"), Map.of("store.url", unreachable));
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        TurnpikeServer.start(settings, () -> JdbcCatalogStore.connect(unreachable, "postgres", "x")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no usable snapshot file");
    }
}
