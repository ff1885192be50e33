package dev.turnpike.gateway.testing;

import dev.turnpike.gateway.config.NodeSettings;
import dev.turnpike.gateway.config.SettingsException;
import dev.turnpike.gateway.config.SettingsLoader;
import dev.turnpike.gateway.server.TurnpikeServer;
import dev.turnpike.registry.file.CatalogFileException;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.store.CatalogStore;
import dev.turnpike.registry.store.JdbcCatalogStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A real gateway node for tests: embedded store in a temp directory, both listeners on free loopback ports,
 * serving {@code catalog}. Close it to stop everything.
 */
public final class GatewayUnderTest implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final CatalogStore store;
    private final TurnpikeServer server;

    private GatewayUnderTest(CatalogStore store, TurnpikeServer server) {
        this.store = store;
        this.server = server;
    }

    /** Starts a node on {@code dataDir} serving {@code catalog}, with extra settings ({@code key -> value}). */
    public static GatewayUnderTest start(Path dataDir, Catalog catalog, Map<String, String> settings) {
        return start(dataDir, catalog, settings, Clock.systemUTC());
    }

    /** Starts a node whose key expiry, limits, quota days and usage days read {@code clock}. */
    public static GatewayUnderTest start(Path dataDir, Catalog catalog, Map<String, String> settings, Clock clock) {
        return start(JdbcCatalogStore.embedded(dataDir), dataDir, catalog, settings, clock);
    }

    /**
     * Starts a node on {@code store} (which the node then owns and closes), for nodes that share a store; the
     * catalog is written first unless {@code null}.
     */
    public static GatewayUnderTest start(CatalogStore store, Path dataDir, Catalog catalog,
                                         Map<String, String> settings, Clock clock) {
        NodeSettings node = settings(dataDir, settings);
        try {
            if (catalog != null) {
                store.replace(catalog);
            }
            return new GatewayUnderTest(store, TurnpikeServer.start(node, store, clock));
        } catch (CatalogFileException | RuntimeException e) {
            store.close();
            throw new IllegalStateException("gateway did not start", e);
        }
    }

    /** Starts a node serving {@code catalog} with test defaults. */
    public static GatewayUnderTest start(Path dataDir, Catalog catalog) {
        return start(dataDir, catalog, Map.of());
    }

    /** The test defaults: loopback, free ports, 2 I/O threads, short shutdown grace. */
    public static NodeSettings settings(Path dataDir, Map<String, String> extra) {
        Map<String, String> s = new HashMap<>();
        s.put("public.host", "127.0.0.1");
        s.put("public.port", "0");
        s.put("admin.port", "0");
        s.put("dataDir", dataDir.toString());
        s.put("ioThreads", "2");
        s.put("shutdownGrace", "1s");
        s.putAll(extra);
        try {
            return SettingsLoader.load(Optional.empty(), Map.of(), s);
        } catch (SettingsException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public TurnpikeServer server() {
        return server;
    }

    public CatalogStore store() {
        return store;
    }

    public int port() {
        return server.publicPort();
    }

    public int adminPort() {
        return server.adminPort();
    }

    /** {@code http://127.0.0.1:<public port><path>}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /** GET through the gateway. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** GET on the admin listener. */
    public HttpResponse<String> admin(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort() + path)).GET());
    }

    /** Sends a request with a 30 s timeout. */
    public static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            store.close();
        }
    }
}
