package dev.turnpike.gateway.server;

import dev.turnpike.gateway.admin.AdminApi;
import dev.turnpike.gateway.webui.WebUi;
import dev.turnpike.gateway.admin.AdminTokens;
import dev.turnpike.gateway.catalog.CatalogSync;
import dev.turnpike.gateway.catalog.SnapshotFile;
import dev.turnpike.gateway.catalog.StoreConnector;
import dev.turnpike.gateway.auth.AuthFilter;
import dev.turnpike.gateway.auth.BruteForceGuard;
import dev.turnpike.gateway.config.AccessSettings;
import dev.turnpike.gateway.config.EdgeSettings;
import dev.turnpike.gateway.config.NodeSettings;
import dev.turnpike.gateway.server.tls.ListenerTls;
import io.netty.handler.ssl.SslContext;
import dev.turnpike.gateway.config.TracingSettings;
import dev.turnpike.gateway.config.UiSettings;
import dev.turnpike.gateway.cors.CorsFilter;
import dev.turnpike.gateway.cors.CorsPolicy;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import dev.turnpike.gateway.egress.GuardedResolverGroup;
import dev.turnpike.gateway.egress.UpstreamAddressPolicy;
import dev.turnpike.gateway.trace.TraceFilter;
import dev.turnpike.gateway.trace.Tracing;
import dev.turnpike.gateway.consumers.UsageRecorder;
import dev.turnpike.gateway.health.HealthChecks;
import dev.turnpike.gateway.lookup.LookupFilter;
import dev.turnpike.gateway.observe.AccessMetrics;
import dev.turnpike.gateway.throttle.ThrottleFilter;
import dev.turnpike.throttling.ClusterLimitsSettings;
import dev.turnpike.throttling.ClusterThrottleStrategy;
import dev.turnpike.throttling.LocalLimitsSettings;
import dev.turnpike.throttling.ThrottleStrategy;
import dev.turnpike.throttling.Throttling;
import java.time.Clock;
import dev.turnpike.gateway.observe.AccessLog;
import dev.turnpike.gateway.observe.GatewayMetrics;
import dev.turnpike.gateway.observe.ObserveFilter;
import dev.turnpike.gateway.pipeline.FilterChain;
import dev.turnpike.gateway.proxy.ProxyFilter;
import dev.turnpike.gateway.overload.AdmissionFilter;
import dev.turnpike.gateway.routing.LifecycleFilter;
import dev.turnpike.gateway.upstream.UpstreamCaller;
import dev.turnpike.gateway.fanout.BatchFilter;
import dev.turnpike.gateway.fanout.CompositeFilter;
import dev.turnpike.gateway.fanout.Door;
import dev.turnpike.gateway.fanout.PartCall;
import dev.turnpike.gateway.upstream.UpstreamClients;
import dev.turnpike.gateway.routing.RoutingFilter;
import dev.turnpike.gateway.routing.RoutingSnapshot;
import dev.turnpike.gateway.routing.RoutingState;
import dev.turnpike.registry.file.CatalogFile;
import dev.turnpike.registry.file.CatalogFileException;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.store.CatalogStore;
import dev.turnpike.registry.store.VersionedCatalog;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.security.SecureRandom;
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
import reactor.netty.transport.NameResolverProvider;

/**
 * The composition root of a gateway node: wires settings, store, routing state, upstream clients, metrics and the
 * filter chain, and runs the public and admin listeners.
 *
 * <pre>{@code
 * try (TurnpikeServer server = TurnpikeServer.start(settings, () -> JdbcCatalogStore.embedded(settings.dataDir()))) {
 *     server.awaitShutdown();
 * }
 * }</pre>
 */
public final class TurnpikeServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TurnpikeServer.class);

    private final NodeSettings settings;
    private final CatalogSync sync;
    private final LoopResources loops;
    private final GatewayMetrics metrics;
    private final RoutingState routing;
    private final UpstreamClients clients;
    private final UpstreamCaller caller;
    private final HealthChecks health;
    private final ThrottleStrategy throttle;
    private final UsageRecorder usage;
    private final DisposableServer publicServer;
    private final DisposableServer adminServer;
    private final AdminTokens adminTokens;
    private final LookupFilter lookup;
    private final Tracing tracing;
    private final UpstreamAddressPolicy upstreamPolicy;
    private final GuardedResolverGroup resolver;
    // The listeners' ports, for the SSRF guard and X-Forwarded-Port: configured, or (with port 0) bound.
    private final AtomicInteger publicPort = new AtomicInteger();
    private final AtomicInteger adminPort = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Optional<ListenerTls> publicTls;
    private final Optional<ListenerTls> adminTls;
    // CORS of the public listener: cors.allowedOrigins, and with "Try it out" the web catalog's origins once bound.
    private final AtomicReference<CorsPolicy> cors = new AtomicReference<>(CorsPolicy.NONE);

    private TurnpikeServer(NodeSettings settings, StoreConnector connector, boolean ownsStore, Clock clock)
            throws CatalogFileException {
        this.settings = settings;
        this.metrics = new GatewayMetrics();
        this.loops = LoopResources.create("turnpike", settings.effectiveIoThreads(), true);
        this.routing = new RoutingState();
        metrics.bindCatalog(() -> routing.current().versioned());
        publicPort.set(settings.publicListener().port());
        adminPort.set(settings.adminListener().port());
        this.upstreamPolicy = new UpstreamAddressPolicy(settings.upstreamRanges(), publicPort::get, adminPort::get);
        this.resolver = new GuardedResolverGroup(NameResolverProvider.builder().build()
                .newNameResolverGroup(loops, true), upstreamPolicy);
        this.clients = new UpstreamClients(loops, metrics, settings.limits().maxHeaderSize(), resolver);
        routing.beforeSwap(clients::sync);
        this.caller = new UpstreamCaller(clients, metrics.registry(), settings.resilience());
        routing.beforeSwap(caller::sync);
        this.health = new HealthChecks(metrics.registry());
        routing.beforeSwap(health::sync);
        this.sync = new CatalogSync(connector, ownsStore, routing, new SnapshotFile(settings.dataDir()),
                settings.store().pollInterval());
        try {
            applyCatalogFiles();
            sync.start();
        } catch (CatalogFileException | RuntimeException e) {
            sync.close();
            clients.close();
            health.close();
            resolver.close();
            loops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).block(Duration.ofSeconds(5));
            throw e;
        }

        AccessSettings access = settings.access();
        this.throttle = throttleStrategy(access, clock);
        this.usage = new UsageRecorder(clock, access.quotaZone(), access.usageFlushInterval(), counts -> {
            try {
                // On the flush thread, not queued behind catalog work: a slow flush never delays propagation.
                sync.withConnectedStore(store -> {
                    store.addUsage(counts);
                    return null;
                });
            } catch (Exception e) {
                throw new IllegalStateException("cannot add usage to the store: " + e.getMessage(), e);
            }
        });
        AccessMetrics accessMetrics = new AccessMetrics(metrics.registry());
        BruteForceGuard guard = new BruteForceGuard(access.bruteForceMaxFailures(), access.bruteForceWindow(),
                access.bruteForceMaxClients(), System::nanoTime);

        AccessLog accessLog = new AccessLog(settings.accessLog());
        TracingSettings tracingSettings = settings.tracing();
        this.tracing = tracingSettings.exporting() ? Tracing.otlp(tracingSettings.otlpEndpoint(),
                tracingSettings.serviceName(), tracingSettings.sampleRatio()) : Tracing.disabled();
        NodeSettings.Limits limits = settings.limits();
        EdgeSettings edge = settings.edge();
        DoorHandlers handlers = new DoorHandlers(edge, metrics.registry(), accessLog);
        this.publicTls = edge.publicTls().map(files -> ListenerTls.load(files, "public", true));
        HttpServer base = HttpServer.create()
                .runOn(loops)
                // With a channel group, disposeNow(grace) lets requests in flight finish instead of cutting them.
                .channelGroup(new DefaultChannelGroup(GlobalEventExecutor.INSTANCE))
                .host(settings.publicListener().host())
                .port(settings.publicListener().port())
                .protocol(edge.h2c() ? new HttpProtocol[] {HttpProtocol.HTTP11, HttpProtocol.H2C}
                        : new HttpProtocol[] {HttpProtocol.HTTP11})
                .httpRequestDecoder(spec -> spec.maxInitialLineLength(limits.maxRequestLine())
                        .maxHeaderSize(limits.maxHeaderSize()))
                .http2Settings(h2 -> h2.maxHeaderListSize(limits.maxHeaderSize()))
                .idleTimeout(limits.idleTimeout())
                .doOnChannelInit((observer, channel, remote) -> handlers.init(channel));
        if (publicTls.isPresent()) {
            SslContext context = publicTls.get().context();
            base = base.secure(spec -> spec.sslContext(context)).protocol(HttpProtocol.HTTP11, HttpProtocol.H2);
        }
        Door door = new Door(guard, usage, accessMetrics, throttle, clock);
        PartCall partCall = new PartCall(caller, door, settings.fanout().partBodyLimit());
        this.lookup = new LookupFilter(routing, guard, usage, settings.lookup(), clock, access.quotaZone());
        FilterChain chain = FilterChain.of(List.of(
                new TraceFilter(tracing),
                new ObserveFilter(metrics, accessLog),
                new ResponseWriter(),
                new CorsFilter(cors::get),
                new AdmissionFilter(settings.resilience().maxInFlight(), metrics.registry()),
                new RequestGuardFilter(limits, metrics.registry(), routing),
                new BatchFilter(routing, door, partCall, settings.fanout()),
                lookup,
                new RoutingFilter(routing),
                new CompositeFilter(routing, door, partCall, accessLog, metrics.registry()),
                new LifecycleFilter(),
                new AuthFilter(routing, guard, usage, accessMetrics, clock),
                new ThrottleFilter(throttle, accessMetrics),
                new ProxyFilter(caller, limits.maxBodySize(), publicTls.isPresent() ? "https" : "http",
                        publicPort::get)));
        cors.set(CorsPolicy.allowing(settings.cors().allowedOrigins()));
        this.publicServer = bindOrStop(base.handle(new GatewayHandler(chain, new ClientAddressResolver(edge))), null);
        publicPort.set(publicServer.port());
        UiSettings ui = settings.ui();
        Optional<URI> tryItOut = ui.tryItOut() ? ui.effectivePublicUrl(settings.publicListener(),
                settings.adminListener(), publicTls.isPresent(), publicServer.port()) : Optional.empty();

        this.adminTokens = AdminTokens.load(settings.adminTokens(), sync, new SecureRandom());
        AdminServer admin = new AdminServer(routing, sync, metrics, new AdminApi(routing, sync, adminTokens, clock,
                settings.access().quotaZone(), settings.maxSpecSize(), caller::circuitStateNames, upstreamPolicy),
                new WebUi(tryItOut, () -> cors.get().origins()), limits.maxHeaders());
        this.adminTls = edge.adminTls().map(files -> ListenerTls.load(files, "admin", false));
        // The admin listener has the public one's decoder limits and refusals of malformed heads.
        HttpServer adminBase = HttpServer.create()
                .runOn(loops)
                .host(settings.adminListener().host())
                .port(settings.adminListener().port())
                .httpRequestDecoder(spec -> spec.maxInitialLineLength(limits.maxRequestLine())
                        .maxHeaderSize(limits.maxHeaderSize()))
                .idleTimeout(limits.idleTimeout())
                .doOnChannelInit((observer, channel, remote) -> {
                    if (channel.pipeline().get(NettyPipeline.HttpTrafficHandler) != null) {
                        channel.pipeline().addBefore(NettyPipeline.HttpTrafficHandler, "turnpike.decodeFailure",
                                new DecodeFailureHandler());
                    }
                });
        if (adminTls.isPresent()) {
            SslContext context = adminTls.get().context();
            adminBase = adminBase.secure(spec -> spec.sslContext(context));
        }
        this.adminServer = bindOrStop(adminBase.route(admin::routes), publicServer);
        adminPort.set(adminServer.port());
        if (ui.tryItOut()) {
            cors.set(cors.get().with(UiSettings.adminOrigins(settings.adminListener(), adminTls.isPresent(),
                    adminServer.port())));
            log.info("Web catalog: Try it out calls {}; CORS allows {}", tryItOut.orElseThrow(), cors.get().origins());
        }
        metrics.bindEventLoops(loops.onServer(true));
        log.info("Turnpike listening: public {}://{}:{} ({}), admin {}://{}:{}",
                publicTls.isPresent() ? "https" : "http", settings.publicListener().host(), publicServer.port(),
                publicTls.isPresent() ? "HTTP/1.1, h2" : edge.h2c() ? "HTTP/1.1, h2c" : "HTTP/1.1",
                adminTls.isPresent() ? "https" : "http", settings.adminListener().host(), adminServer.port());
    }

    /**
     * Starts a node on an open {@code store} that the caller keeps owning (and closes after the node).
     *
     * @see #start(NodeSettings, StoreConnector)
     */
    public static TurnpikeServer start(NodeSettings settings, CatalogStore store) throws CatalogFileException {
        return start(settings, store, Clock.systemUTC());
    }

    /**
     * Starts a node on an open {@code store} whose API-key expiry, rate limits, quota days and usage days read
     * {@code clock} (tests control time with it).
     */
    public static TurnpikeServer start(NodeSettings settings, CatalogStore store, Clock clock)
            throws CatalogFileException {
        return new TurnpikeServer(settings, () -> store, false, clock);
    }

    /**
     * Starts a node: applies the configured catalog files to the store, publishes the store's catalog (or, when the
     * store is unreachable, the last catalog this node served, from its snapshot file) and binds both listeners.
     * The node owns the stores {@code connector} opens. Blocking; call it from a main thread, not an event loop.
     *
     * @throws CatalogFileException if a configured catalog file is invalid (nothing is started then)
     * @throws IllegalStateException if no catalog can be loaded at all
     */
    public static TurnpikeServer start(NodeSettings settings, StoreConnector connector) throws CatalogFileException {
        return new TurnpikeServer(settings, connector, true, Clock.systemUTC());
    }

    /**
     * Binds {@code server}; when that fails (a port in use), releases what the constructor started so far, including
     * {@code alreadyBound}, and rethrows: a node that cannot listen leaves no store open and no thread running.
     */
    private DisposableServer bindOrStop(HttpServer server, DisposableServer alreadyBound) {
        try {
            return server.bindNow();
        } catch (RuntimeException e) {
            if (alreadyBound != null) {
                alreadyBound.disposeNow(Duration.ofSeconds(2));
            }
            releaseAfterListeners();
            throw e;
        }
    }

    private static ThrottleStrategy throttleStrategy(AccessSettings access, Clock clock) {
        LocalLimitsSettings local = LocalLimitsSettings.defaults().withMaxKeys(access.maxLimitKeys())
                .withQuotaZone(access.quotaZone());
        if (!access.clustered()) {
            return Throttling.local(local, clock);
        }
        log.info("Rate limits shared through Redis at {} ({} nodes, failure policy {})", access.redisUrl(),
                access.nodes(), access.redisFailurePolicy());
        return Throttling.cluster(ClusterLimitsSettings.builder(access.redisUrl())
                .callTimeout(access.redisTimeout())
                .failurePolicy(access.redisFailurePolicy())
                .nodeCount(access.nodes())
                .local(local)
                .build(), clock);
    }

    private void applyCatalogFiles() throws CatalogFileException {
        if (settings.catalogFiles().isEmpty()) {
            return;
        }
        Catalog fromFiles = CatalogFile.read(settings.catalogFiles(), settings.maxSpecSize());
        Optional<String> unservable = RoutingSnapshot.problem(fromFiles);
        if (unservable.isPresent()) {
            throw new CatalogFileException(settings.catalogFiles().toString(),
                    List.of(new CatalogFileException.Violation("apis[*].routes", 0, unservable.get())));
        }
        List<UpstreamAddressPolicy.Refused> refused = upstreamPolicy.violations(fromFiles);
        if (!refused.isEmpty()) {
            throw new CatalogFileException(settings.catalogFiles().toString(), refused.stream()
                    .map(r -> new CatalogFileException.Violation(r.path(), 0, r.message())).toList());
        }
        VersionedCatalog written;
        try {
            written = sync.withStore(store -> store.load().catalog().equals(fromFiles) ? null : store.replace(fromFiles));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot apply " + settings.catalogFiles() + ": the catalog store is "
                    + "unreachable (" + e.getMessage() + ")", e);
        }
        if (written != null) {
            log.info("Applied {} to the store: catalog version {}", settings.catalogFiles(), written.version());
        }
    }


    /** The bound public port. */
    public int publicPort() {
        return publicServer.port();
    }

    /** The bound admin port. */
    public int adminPort() {
        return adminServer.port();
    }

    /**
     * The admin token this start generated (no token configured, none in the store yet), to be shown once; empty on
     * every other start.
     */
    public Optional<String> generatedAdminToken() {
        return adminTokens.generatedToken();
    }

    /** The node's upstream call layer, for callers other than the proxy (composites, batches). */
    public UpstreamCaller upstreamCaller() {
        return caller;
    }

    /** The node's live routing state. */
    public RoutingState routing() {
        return routing;
    }

    /** The route lookup API of the public listener. */
    public LookupFilter lookup() {
        return lookup;
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
        lookup.wakeWatches();
        drain(publicServer, "public", grace.isZero() ? Duration.ofMillis(1) : grace);
        drain(adminServer, "admin", Duration.ofSeconds(2));
        releaseAfterListeners();
        log.info("Turnpike stopped");
    }

    /** Closes {@code server}, letting its exchanges finish within {@code grace}; cuts the ones still open then. */
    private static void drain(DisposableServer server, String name, Duration grace) {
        try {
            server.disposeNow(grace);
        } catch (IllegalStateException e) {
            log.warn("The {} listener still had exchanges open after {} ms; closing them", name, grace.toMillis());
            server.dispose();
        }
    }

    /** Releases what the node holds besides its listeners: usage, limiter, store, upstream clients, event loops. */
    private void releaseAfterListeners() {
        usage.close();
        if (throttle instanceof ClusterThrottleStrategy cluster) {
            cluster.close();
        }
        sync.close();
        clients.close();
        health.close();
        if (publicTls != null) { // null when a listener failed to bind before its TLS was set up
            publicTls.ifPresent(ListenerTls::close);
        }
        if (adminTls != null) {
            adminTls.ifPresent(ListenerTls::close);
        }
        resolver.close();
        tracing.close();
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).block(Duration.ofSeconds(5));
    }
}
