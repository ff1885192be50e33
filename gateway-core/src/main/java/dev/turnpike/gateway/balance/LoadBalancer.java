package dev.turnpike.gateway.balance;

import dev.turnpike.registry.model.Balancer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks the upstream endpoint of a pool for one request.
 *
 * <pre>{@code
 * LoadBalancer lb = LoadBalancer.create(pool.balancer(),
 *         pool.instances().stream().map(Endpoint::new).toList());
 * Endpoint e = lb.pick(System.nanoTime());
 * if (e == null) { ... 503: no instance available ... }
 * e.onStart();
 * ... send, then e.onEnd() when the exchange ends ...
 * }</pre>
 *
 * <p>Endpoints that are ejected or that the pool's active health check finds unhealthy are skipped.
 *
 * <p>Implementations are thread-safe and lock-free on the common path: {@code pick} is called concurrently from
 * several event loops.
 */
public interface LoadBalancer {

    /**
     * The endpoint for the next request, or {@code null} when there is none or every one is ejected.
     *
     * @param nowNanos the current {@link System#nanoTime()}, to skip ejected endpoints
     */
    Endpoint pick(long nowNanos);

    /**
     * A balancer of {@code kind} over {@code endpoints} (copied; may be empty).
     *
     * @param kind      {@link Balancer#LEAST_OUTSTANDING} (power of two choices by requests in flight),
     *                  {@link Balancer#ROUND_ROBIN} (smooth weighted round robin) or {@link Balancer#PEAK_EWMA} (power of
     *                  two choices by latency EWMA x (in-flight + 1))
     * @param endpoints the pool's endpoints; the balancer reads their in-flight counts, latencies and availability
     */
    static LoadBalancer create(Balancer kind, List<Endpoint> endpoints) {
        Objects.requireNonNull(kind, "kind");
        List<Endpoint> copy = List.copyOf(endpoints);
        return switch (kind) {
            case LEAST_OUTSTANDING -> new LeastOutstanding(copy, ThreadLocalRandom::current);
            case ROUND_ROBIN -> new RoundRobin(copy);
            case PEAK_EWMA -> new PeakEwmaBalancer(copy, ThreadLocalRandom::current);
        };
    }
}
