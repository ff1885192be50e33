package dev.turnpike.throttling;

/**
 * A {@link ThrottleStrategy} whose limits are shared by every node through Redis. It owns its Redis client:
 * close it on shutdown.
 *
 * <p>Every call answers within the configured call timeout (plus scheduling delay): when Redis is slow,
 * unreachable, or its circuit breaker is open, the {@link RedisFailurePolicy} answers. Thread-safe.
 */
public interface ClusterThrottleStrategy extends ThrottleStrategy, AutoCloseable {

    /** Closes the Redis connection and client. Calls after closing answer with the failure policy. */
    @Override
    void close();
}
