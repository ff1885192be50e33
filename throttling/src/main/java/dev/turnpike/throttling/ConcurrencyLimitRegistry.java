package dev.turnpike.throttling;

import java.util.Optional;

/**
 * Adaptive concurrency limits, one per upstream pool, created on first use. A gateway filter asks before
 * calling a pool and answers 503 when refused, so load is shed before the provider melts.
 *
 * <pre>{@code
 * Optional<ConcurrencyPermit> permit = limits.tryAcquire("products-blue");
 * if (permit.isEmpty()) {
 *     return reject503();
 * }
 * return proxy(exchange).doOnSuccess(r -> permit.get().onSuccess()) ... ;
 * }</pre>
 *
 * <p>Thread-safe and non-blocking.
 */
public interface ConcurrencyLimitRegistry {

    /** A permit if the pool has fewer calls in flight than its current limit, else empty. */
    Optional<ConcurrencyPermit> tryAcquire(String poolId);

    /** The pool's current limit (its initial limit if never used). */
    int limit(String poolId);

    /** Calls in flight to the pool. */
    int inFlight(String poolId);

    /** Forgets a pool that left the catalog. Permits still out complete harmlessly. */
    void remove(String poolId);
}
