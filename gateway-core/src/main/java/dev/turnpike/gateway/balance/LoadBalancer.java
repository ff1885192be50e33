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
     * @param kind      {@link Balancer#LEAST_OUTSTANDING} (power of two choices) or {@link Balancer#ROUND_ROBIN}
     *                  (smooth weighted round robin)
     * @param endpoints the pool's endpoints; the balancer reads their in-flight counts and ejection state
     */
    static LoadBalancer create(Balancer kind, List<Endpoint> endpoints) {
        Objects.requireNonNull(kind, "kind");
        List<Endpoint> copy = List.copyOf(endpoints);
        switch (kind) {
            case LEAST_OUTSTANDING:
                return new LeastOutstanding(copy, ThreadLocalRandom::current);
            case ROUND_ROBIN:
                return new RoundRobin(copy);
            default:
                throw new IllegalArgumentException("kind: " + kind + " (expected: LEAST_OUTSTANDING or ROUND_ROBIN)");
        }
    }
}
