package dev.turnpike.gateway.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyEventExecutorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.channel.EventLoopGroup;
import java.net.SocketAddress;
import java.time.Duration;
import dev.turnpike.registry.store.VersionedCatalog;
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;

/**
 * The node's meters, exposed in Prometheus format on the admin listener's {@code /metrics}.
 *
 * <ul>
 *   <li>{@code turnpike_requests_seconds} (histogram): every request, tagged {@code api} ({@code none} when no route
 *       matched), {@code method} and {@code status} class ({@code 2xx}..{@code 5xx}, {@code cancelled}).</li>
 *   <li>{@code turnpike_upstream_connections_*} (gauges): per pool and instance: active, idle, pending, max.</li>
 *   <li>{@code turnpike_catalog_version}, {@code turnpike_catalog_apis}, {@code ..._routes}, {@code ..._pools},
 *       {@code ..._instances}, {@code ..._consumers} (gauges): the catalog this node serves, from start.</li>
 *   <li>JVM memory, GC, threads, class loading, CPU, uptime; Netty allocator and event-loop meters.</li>
 * </ul>
 *
 * <p>Thread-safe. Timers are cached per api, method and status class so recording a request allocates nothing once
 * the combination has been seen.
 */
public final class GatewayMetrics {
    private static final List<String> METHODS =
            List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "OTHER");
    private static final String[] STATUS = {"1xx", "2xx", "3xx", "4xx", "5xx", "cancelled"};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Timer[]> timers = new ConcurrentHashMap<>();
    private final Map<String, List<Meter>> poolGauges = new ConcurrentHashMap<>();

    /** Registers the JVM and Netty allocator meters. */
    public GatewayMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider allocator) {
            new NettyAllocatorMetrics(allocator).bindTo(registry);
        }
    }

    /** Adds the meters of the event loops. */
    public void bindEventLoops(EventLoopGroup group) {
        new NettyEventExecutorMetrics(group).bindTo(registry);
    }

    /**
     * Records one finished request.
     *
     * @param api    the API id, or {@code none}
     * @param method the request method
     * @param status the response status, or a negative number when the client went away first
     */
    public void recordRequest(String api, String method, int status, long nanos) {
        Timer[] forApi = timers.computeIfAbsent(api, a -> new Timer[METHODS.size() * STATUS.length]);
        int m = METHODS.indexOf(method);
        if (m < 0) {
            m = METHODS.size() - 1;
        }
        int s = status < 100 || status > 599 ? STATUS.length - 1 : status / 100 - 1;
        int i = m * STATUS.length + s;
        Timer t = forApi[i];
        if (t == null) {
            t = Timer.builder("turnpike.requests")
                    .description("Requests through the public listener")
                    .tags("api", api, "method", METHODS.get(m), "status", STATUS[s])
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(60))
                    .register(registry);
            forApi[i] = t; // a racing duplicate registration returns the same meter
        }
        t.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /**
     * Gauges of the catalog {@code live} returns (read at each scrape): its version and how many APIs, routes, pools,
     * instances and consumers it has, so a scrape shows what the node serves before any request came.
     */
    public void bindCatalog(Supplier<VersionedCatalog> live) {
        catalogGauge("turnpike.catalog.version", "Version of the catalog this node serves", live,
                v -> v.version());
        catalogGauge("turnpike.catalog.apis", "APIs in the catalog", live, v -> v.catalog().apis().size());
        catalogGauge("turnpike.catalog.routes", "Routes of the catalog's APIs", live,
                v -> v.catalog().apis().stream().mapToInt(a -> a.routes().size()).sum());
        catalogGauge("turnpike.catalog.pools", "Upstream pools in the catalog", live, v -> v.catalog().pools().size());
        catalogGauge("turnpike.catalog.instances", "Upstream instances of the catalog's pools", live,
                v -> v.catalog().pools().stream().mapToInt(p -> p.instances().size()).sum());
        catalogGauge("turnpike.catalog.consumers", "Consumers in the catalog", live,
                v -> v.catalog().consumers().size());
    }

    private void catalogGauge(String name, String description, Supplier<VersionedCatalog> live,
                              java.util.function.ToDoubleFunction<VersionedCatalog> value) {
        Gauge.builder(name, live, s -> value.applyAsDouble(s.get())).description(description)
                .strongReference(true).register(registry);
    }

    /** A registrar that exposes each upstream connection pool's gauges, for reactor-netty's ConnectionProvider. */
    public ConnectionProvider.MeterRegistrar connectionPoolRegistrar(String poolId) {
        return new ConnectionProvider.MeterRegistrar() {
            @Override
            public void registerMetrics(String name, String id, SocketAddress remote, ConnectionPoolMetrics m) {
                Tags tags = Tags.of("pool", poolId, "instance", address(remote));
                List<Meter> meters = new CopyOnWriteArrayList<>();
                meters.add(gauge("turnpike.upstream.connections.active", "Connections in use", tags, m,
                        ConnectionPoolMetrics::acquiredSize));
                meters.add(gauge("turnpike.upstream.connections.idle", "Idle keep-alive connections", tags, m,
                        ConnectionPoolMetrics::idleSize));
                meters.add(gauge("turnpike.upstream.connections.pending", "Requests waiting for a connection",
                        tags, m, ConnectionPoolMetrics::pendingAcquireSize));
                meters.add(gauge("turnpike.upstream.connections.max", "Connection limit", tags, m,
                        ConnectionPoolMetrics::maxAllocatedSize));
                poolGauges.put(poolId + "|" + id + "|" + address(remote), meters);
            }

            @Override
            public void deRegisterMetrics(String name, String id, SocketAddress remote) {
                List<Meter> meters = poolGauges.remove(poolId + "|" + id + "|" + address(remote));
                if (meters != null) {
                    meters.forEach(registry::remove);
                }
            }
        };
    }

    private Meter gauge(String name, String description, Tags tags, ConnectionPoolMetrics m,
                        java.util.function.ToDoubleFunction<ConnectionPoolMetrics> f) {
        // Strong reference: Micrometer gauges hold their object weakly, and nothing else keeps the pool's metrics alive.
        return Gauge.builder(name, m, f).description(description).tags(tags).strongReference(true).register(registry);
    }

    private static String address(SocketAddress remote) {
        String s = String.valueOf(remote);
        return s.startsWith("/") ? s.substring(1) : s;
    }

    /** The registry, for components that add their own meters. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }
}
