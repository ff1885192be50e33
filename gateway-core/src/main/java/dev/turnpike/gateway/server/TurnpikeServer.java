package dev.turnpike.gateway.server;

import dev.turnpike.gateway.config.NodeSettings;
import dev.turnpike.gateway.observe.AccessLog;
import dev.turnpike.gateway.observe.GatewayMetrics;
import dev.turnpike.gateway.observe.ObserveFilter;
import dev.turnpike.gateway.pipeline.FilterChain;
import dev.turnpike.gateway.proxy.ProxyFilter;
import dev.turnpike.gateway.proxy.UpstreamClients;
import dev.turnpike.gateway.routing.RoutingFilter;
import dev.turnpike.gateway.routing.RoutingSnapshot;
import dev.turnpike.gateway.routing.RoutingState;
import dev.turnpike.registry.file.CatalogFile;
import dev.turnpike.registry.file.CatalogFileException;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.store.CatalogStore;
import dev.turnpike.registry.store.VersionedCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.DisposableServer;
import reactor.netty.NettyPipeline;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * The composition root of a gateway node: wires settings, store, routing state, upstream clients, metrics and the
 * filter chain, and runs the public and admin listeners.
 *
 * <pre>{@code
 * try (CatalogStore store = JdbcCatalogStore.embedded(settings.dataDir());
 *      TurnpikeServer server = TurnpikeServer.start(settings, store)) {
 *     server.awaitShutdown();
 * }
 * }</pre>
 */
public final class TurnpikeServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TurnpikeServer.class);

    private final NodeSettings settings;
    private final CatalogStore store;
    private final LoopResources loops;
    private final GatewayMetrics metrics;
    private final RoutingState routing;
    private final UpstreamClients clients;
    private final DisposableServer publicServer;
    private final DisposableServer adminServer;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TurnpikeServer(NodeSettings settings, CatalogStore store) throws CatalogFileException {
        this.settings = settings;
        this.store = store;
        this.metrics = new GatewayMetrics();
        this.loops = LoopResources.create("turnpike", settings.effectiveIoThreads(), true);
        this.routing = new RoutingState();
        this.clients = new UpstreamClients(loops, metrics, settings.limits().maxHeaderSize());
        routing.beforeSwap(clients::sync);
        applyCatalogFiles();
        routing.publish(store.load());

        AccessLog accessLog = new AccessLog(settings.accessLog());
        NodeSettings.Limits limits = settings.limits();
        HttpServer base = HttpServer.create()
                .runOn(loops)
                .host(settings.publicListener().host())
                .port(settings.publicListener().port())
                .protocol(HttpProtocol.HTTP11, HttpProtocol.H2C)
                .httpRequestDecoder(spec -> spec.maxInitialLineLength(limits.maxRequestLine())
                        .maxHeaderSize(limits.maxHeaderSize()))
                .http2Settings(h2 -> h2.maxHeaderListSize(limits.maxHeaderSize()))
                .idleTimeout(limits.idleTimeout())
                .doOnChannelInit((observer, channel, remote) -> {
                    if (channel.pipeline().get(NettyPipeline.HttpTrafficHandler) != null) {
                        channel.pipeline().addBefore(NettyPipeline.HttpTrafficHandler, "turnpike.decodeFailure",
                                new DecodeFailureHandler(metrics, accessLog));
                    }
                });
        // The proxy needs the bound port for X-Forwarded-Port; with port 0 it is known only after binding.
        AtomicInteger boundPort = new AtomicInteger();
        FilterChain chain = FilterChain.of(List.of(
                new ObserveFilter(metrics, accessLog),
                new RequestGuardFilter(limits),
                new RoutingFilter(routing),
                new ProxyFilter(clients, limits.maxBodySize(), "http", boundPort::get)));
        this.publicServer = base.handle(new GatewayHandler(chain)).bindNow();
        boundPort.set(publicServer.port());

        AdminServer admin = new AdminServer(routing, metrics);
        this.adminServer = HttpServer.create()
                .runOn(loops)
                .host(settings.adminListener().host())
                .port(settings.adminListener().port())
                .route(admin::routes)
                .bindNow();
        metrics.bindEventLoops(loops.onServer(true));
        log.info("Turnpike listening: public http://{}:{} (HTTP/1.1, h2c), admin http://{}:{}",
                settings.publicListener().host(), publicServer.port(), settings.adminListener().host(),
                adminServer.port());
    }

    /**
     * Starts a node: applies the configured catalog files to {@code store}, publishes the store's catalog and binds
     * both listeners. Blocking; call it from a main thread, not an event loop.
     *
     * @throws CatalogFileException if a configured catalog file is invalid (nothing is started then)
     */
    public static TurnpikeServer start(NodeSettings settings, CatalogStore store) throws CatalogFileException {
        return new TurnpikeServer(settings, store);
    }

    private void applyCatalogFiles() throws CatalogFileException {
        if (settings.catalogFiles().isEmpty()) {
            return;
        }
        Catalog fromFiles = CatalogFile.read(settings.catalogFiles());
        Optional<String> unservable = RoutingSnapshot.problem(fromFiles);
        if (unservable.isPresent()) {
            throw new CatalogFileException(settings.catalogFiles().toString(),
                    List.of(new CatalogFileException.Violation("apis[*].routes", 0, unservable.get())));
        }
        VersionedCatalog stored = store.load();
        if (!stored.catalog().equals(fromFiles)) {
            VersionedCatalog written = store.replace(fromFiles);
            log.info("Applied {} to the store: catalog version {}", settings.catalogFiles(), written.version());
        }
    }

    /** Re-reads the store and makes its catalog live. Blocking. */
    public void reload() {
        routing.publish(store.load());
    }

    /** The bound public port. */
    public int publicPort() {
        return publicServer.port();
    }

    /** The bound admin port. */
    public int adminPort() {
        return adminServer.port();
    }

    /** The node's live routing state. */
    public RoutingState routing() {
        return routing;
    }

    /** The node's meters. */
    public GatewayMetrics metrics() {
        return metrics;
    }

    /** Blocks until the public listener is closed. */
    public void awaitShutdown() {
        publicServer.onDispose().block();
    }

    /** Stops accepting, lets in-flight requests finish within the grace period, then releases everything; idempotent. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        Duration grace = settings.shutdownGrace();
        publicServer.disposeNow(grace.isZero() ? Duration.ofMillis(1) : grace);
        adminServer.disposeNow(Duration.ofSeconds(2));
        clients.close();
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).block(Duration.ofSeconds(5));
        log.info("Turnpike stopped");
    }
}
