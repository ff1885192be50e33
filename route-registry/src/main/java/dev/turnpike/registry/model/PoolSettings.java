package dev.turnpike.registry.model;

import java.time.Duration;
import java.util.Objects;

/**
 * Connection settings of one upstream pool. Every bound is finite: connections, waiters and time.
 *
 * @param maxConnections    connections per instance, default 500
 * @param pendingAcquireMax requests that may wait for a free connection per instance, default 1000
 * @param connectTimeout    TCP connect timeout, default 2 s
 * @param responseTimeout   time from request sent to response headers, and then the longest pause between reads of
 *                          the response body (Reactor Netty's response timeout applies to both), default 30 s
 * @param maxIdleTime       idle keep-alive connections are closed after this, default 50 s (below the usual 60 s
 *                          upstream keep-alive, so the gateway closes first and never reuses a dying connection)
 * @param ejectFor          how long an ejected instance is skipped the first time (see {@link OutlierDetection}),
 *                          default 10 s
 */
public record PoolSettings(
        int maxConnections,
        int pendingAcquireMax,
        Duration connectTimeout,
        Duration responseTimeout,
        Duration maxIdleTime,
        Duration ejectFor) {

    /** The defaults listed above. */
    public static final PoolSettings DEFAULTS = new PoolSettings(
            500, 1000, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(50), Duration.ofSeconds(10));

    public PoolSettings {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections: " + maxConnections + " (expected: > 0)");
        }
        if (pendingAcquireMax < 0) {
            throw new IllegalArgumentException("pendingAcquireMax: " + pendingAcquireMax + " (expected: >= 0)");
        }
        positive("connectTimeout", connectTimeout);
        positive("responseTimeout", responseTimeout);
        positive("maxIdleTime", maxIdleTime);
        Objects.requireNonNull(ejectFor, "ejectFor");
        if (ejectFor.isNegative()) {
            throw new IllegalArgumentException("ejectFor: " + ejectFor + " (expected: >= 0)");
        }
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
        }
    }
}
