package dev.turnpike.gateway.health;

import dev.turnpike.gateway.balance.Endpoint;
import dev.turnpike.gateway.routing.PoolRuntime;
import dev.turnpike.gateway.routing.RoutingSnapshot;
import dev.turnpike.gateway.upstream.UpstreamTls;
import dev.turnpike.registry.model.HealthCheck;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The active health checks of every pool that configures one, and the pools' health meters. Follows the catalog:
 * {@link #sync} (run before each snapshot goes live) starts checks for new pools, retargets running ones at a
 * changed pool's new runtime (endpoints carried over keep their state), restarts them when the check's settings
 * changed, and stops them for pools that dropped their check or left (marking the endpoints healthy again).
 *
 * <p>Checks run off the request path: on their own Reactor Netty client with its own event loop, without
 * connection reuse (each probe opens and closes its connection, so it also proves the instance accepts connections),
 * ticked by a single-thread timer. Nothing here blocks.
 *
 * <p>Meters, tagged {@code pool}: {@code turnpike.upstream.instances} (gauge, tag {@code state}: {@code available},
 * {@code ejected}, {@code unhealthy}), {@code turnpike.upstream.ejections} (counter of outlier ejections of the
 * pool's current instances) and {@code turnpike.upstream.health.checks} (counter, tag {@code result}: {@code pass},
 * {@code fail}).
 *
 * <p>Thread-safe: {@link #sync} is called by one publishing thread at a time.
 */
public final class HealthChecks implements AutoCloseable {
    private final MeterRegistry registry;
    private final LoopResources loops = LoopResources.create("turnpike-health", 1, true);
    private final Scheduler timer = Schedulers.newSingle("turnpike-health-timer", true);
    private final HttpClient client = HttpClient.create(ConnectionProvider.newConnection())
            .runOn(loops)
            .followRedirect(false)
            .disableRetry(true)
            .keepAlive(false);
    private final Map<String, PoolProber> probers = new HashMap<>();
    private final Map<String, PoolMeters> meters = new HashMap<>();

    /** Health checks registering their meters in {@code registry}. */
    public HealthChecks(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Meters of one pool; they read the pool's current runtime. */
    private final class PoolMeters {
        final AtomicReference<PoolRuntime> runtime;
        final List<Meter> all = new ArrayList<>();
        final Counter passed;
        final Counter failed;

        PoolMeters(PoolRuntime first) {
            runtime = new AtomicReference<>(first);
            String pool = first.id();
            gauge(pool, "available", e -> e.isAvailable(System.nanoTime()) ? 1 : 0);
            gauge(pool, "ejected", e -> e.isEjected(System.nanoTime()) ? 1 : 0);
            gauge(pool, "unhealthy", e -> e.isHealthy() ? 0 : 1);
            all.add(FunctionCounter.builder("turnpike.upstream.ejections", runtime,
                            r -> sum(r.get(), Endpoint::ejections))
                    .description("Outlier ejections of the pool's current instances").tag("pool", pool)
                    .register(registry));
            passed = Counter.builder("turnpike.upstream.health.checks").description("Active health checks")
                    .tags("pool", pool, "result", "pass").register(registry);
            failed = Counter.builder("turnpike.upstream.health.checks").description("Active health checks")
                    .tags("pool", pool, "result", "fail").register(registry);
            all.add(passed);
            all.add(failed);
        }

        private void gauge(String pool, String state, ToDoubleFunction<Endpoint> counts) {
            all.add(Gauge.builder("turnpike.upstream.instances", runtime, r -> sum(r.get(), counts))
                    .description("Instances of the pool by state").tags("pool", pool, "state", state)
                    .register(registry));
        }

        void remove() {
            all.forEach(registry::remove);
        }
    }

    private static double sum(PoolRuntime runtime, ToDoubleFunction<Endpoint> f) {
        double total = 0;
        for (Endpoint e : runtime.endpoints()) {
            total += f.applyAsDouble(e);
        }
        return total;
    }

    /** Makes the checks and meters match {@code snapshot}'s pools. */
    public synchronized void sync(RoutingSnapshot snapshot) {
        Map<String, PoolRuntime> pools = snapshot.pools();
        for (PoolRuntime runtime : pools.values()) {
            PoolMeters m = meters.computeIfAbsent(runtime.id(), id -> new PoolMeters(runtime));
            m.runtime.set(runtime);
            HealthCheck check = runtime.pool().healthCheck().orElse(null);
            PoolProber prober = probers.get(runtime.id());
            if (prober != null && (check == null || !check.equals(prober.check())
                    || !prober.tls().equals(runtime.pool().tls()))) {
                prober.close();
                probers.remove(runtime.id());
                prober = null;
                if (check == null) {
                    runtime.endpoints().forEach(e -> e.healthy(true));
                }
            }
            if (check == null) {
                continue;
            }
            if (prober == null) {
                HttpClient http = runtime.pool().tls().map(t -> UpstreamTls.load(t).secure(client)).orElse(client);
                probers.put(runtime.id(), new PoolProber(runtime, check, http, timer, m.passed, m.failed));
            } else {
                prober.retarget(runtime);
            }
        }
        probers.entrySet().removeIf(e -> {
            if (!pools.containsKey(e.getKey())) {
                e.getValue().close();
                return true;
            }
            return false;
        });
        meters.entrySet().removeIf(e -> {
            if (!pools.containsKey(e.getKey())) {
                e.getValue().remove();
                return true;
            }
            return false;
        });
    }

    /** Stops every check and frees the client's event loop. */
    @Override
    public synchronized void close() {
        probers.values().forEach(PoolProber::close);
        probers.clear();
        timer.dispose();
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).block(Duration.ofSeconds(5));
    }
}
