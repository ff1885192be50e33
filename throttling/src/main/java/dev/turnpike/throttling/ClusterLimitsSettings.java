package dev.turnpike.throttling;

import java.time.Duration;

/**
 * How a node shares limits with the other nodes of a cluster through Redis.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder(String)}; defaults are documented on the builder.
 *
 * <pre>{@code
 * ClusterLimitsSettings settings = ClusterLimitsSettings.builder("redis://redis.internal:6379")
 *         .callTimeout(Duration.ofMillis(50))
 *         .failurePolicy(RedisFailurePolicy.LOCAL_SHARE)
 *         .nodeCount(4)
 *         .build();
 * }</pre>
 *
 * @param redisUri         Lettuce URI of the Redis server, e.g. {@code redis://host:6379}
 * @param callTimeout      longest wait for one Redis answer before the failure policy answers
 * @param failurePolicy    what to answer while Redis is unavailable
 * @param nodeCount        nodes sharing the limits; {@link RedisFailurePolicy#LOCAL_SHARE} divides plans by it
 * @param keyPrefix        prefix of every Redis key this limiter writes
 * @param breakerFailureRate percentage of failed calls (errors and timeouts) that opens the circuit breaker
 * @param breakerMinimumCalls calls in the breaker's sliding window before it may open
 * @param breakerOpenFor   how long the open breaker answers with the failure policy without trying Redis; also
 *                         the {@code retryAfter} of {@link RedisFailurePolicy#FAIL_CLOSED} denials
 * @param maxPendingCalls  bound on commands queued in the Redis client; past it calls fail fast
 * @param local            local limits used for {@link RedisFailurePolicy#LOCAL_SHARE} and the quota zone
 */
public record ClusterLimitsSettings(String redisUri, Duration callTimeout, RedisFailurePolicy failurePolicy,
                                    int nodeCount, String keyPrefix, int breakerFailureRate,
                                    int breakerMinimumCalls, Duration breakerOpenFor, int maxPendingCalls,
                                    LocalLimitsSettings local) {

    public ClusterLimitsSettings {
        if (redisUri == null || redisUri.isBlank()) {
            throw new IllegalArgumentException("redisUri: " + redisUri + " (expected: redis://host:port)");
        }
        requirePositive("callTimeout", callTimeout);
        if (failurePolicy == null) {
            throw new IllegalArgumentException("failurePolicy: null (expected: FAIL_OPEN, FAIL_CLOSED or LOCAL_SHARE)");
        }
        if (nodeCount <= 0) {
            throw new IllegalArgumentException("nodeCount: " + nodeCount + " (expected: > 0)");
        }
        if (keyPrefix == null || keyPrefix.isEmpty()) {
            throw new IllegalArgumentException("keyPrefix: " + keyPrefix + " (expected: non-empty)");
        }
        if (breakerFailureRate < 1 || breakerFailureRate > 100) {
            throw new IllegalArgumentException("breakerFailureRate: " + breakerFailureRate + " (expected: 1..100)");
        }
        if (breakerMinimumCalls <= 0) {
            throw new IllegalArgumentException("breakerMinimumCalls: " + breakerMinimumCalls + " (expected: > 0)");
        }
        requirePositive("breakerOpenFor", breakerOpenFor);
        if (maxPendingCalls <= 0) {
            throw new IllegalArgumentException("maxPendingCalls: " + maxPendingCalls + " (expected: > 0)");
        }
        if (local == null) {
            throw new IllegalArgumentException("local: null (expected: LocalLimitsSettings)");
        }
    }

    /** A builder for Redis at {@code redisUri} with the defaults listed on {@link Builder}. */
    public static Builder builder(String redisUri) {
        return new Builder(redisUri);
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        return new Builder(redisUri).callTimeout(callTimeout).failurePolicy(failurePolicy).nodeCount(nodeCount)
                .keyPrefix(keyPrefix).breakerFailureRate(breakerFailureRate)
                .breakerMinimumCalls(breakerMinimumCalls).breakerOpenFor(breakerOpenFor)
                .maxPendingCalls(maxPendingCalls).local(local);
    }

    private static void requirePositive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: > 0)");
        }
    }

    /**
     * Builds {@link ClusterLimitsSettings}. Defaults: call timeout 100 ms, {@link RedisFailurePolicy#FAIL_OPEN},
     * 1 node, key prefix {@code turnpike:rl:}, breaker opens at 50 % failures over at least 20 calls and stays
     * open 5 s, 10,000 pending calls, {@link LocalLimitsSettings#defaults()}. Not thread-safe.
     */
    public static final class Builder {
        private final String redisUri;
        private Duration callTimeout = Duration.ofMillis(100);
        private RedisFailurePolicy failurePolicy = RedisFailurePolicy.FAIL_OPEN;
        private int nodeCount = 1;
        private String keyPrefix = "turnpike:rl:";
        private int breakerFailureRate = 50;
        private int breakerMinimumCalls = 20;
        private Duration breakerOpenFor = Duration.ofSeconds(5);
        private int maxPendingCalls = 10_000;
        private LocalLimitsSettings local = LocalLimitsSettings.defaults();

        private Builder(String redisUri) {
            this.redisUri = redisUri;
        }

        /** See {@link ClusterLimitsSettings#callTimeout()}. */
        public Builder callTimeout(Duration value) {
            this.callTimeout = value;
            return this;
        }

        /** See {@link ClusterLimitsSettings#failurePolicy()}. */
        public Builder failurePolicy(RedisFailurePolicy value) {
            this.failurePolicy = value;
            return this;
        }

        /** See {@link ClusterLimitsSettings#nodeCount()}. */
        public Builder nodeCount(int value) {
            this.nodeCount = value;
            return this;
        }

        /** See {@link ClusterLimitsSettings#keyPrefix()}. */
        public Builder keyPrefix(String value) {
            this.keyPrefix = value;
            return this;
        }

        /** See {@link ClusterLimitsSettings#breakerFailureRate()}. */
        public Builder breakerFailureRate(int value) {
            this.breakerFailureRate = value;
            return this;
        }

        /** See {@link ClusterLimitsSettings#breakerMinimumCalls()}. */
        public Builder breakerMinimumCalls(int value) {
            this.breakerMinimumCalls = value;
            return this;
        }

        /** See {@link ClusterLimitsSettings#breakerOpenFor()}. */
        public Builder breakerOpenFor(Duration value) {
            this.breakerOpenFor = value;
            return this;
        }

        /** See {@link ClusterLimitsSettings#maxPendingCalls()}. */
        public Builder maxPendingCalls(int value) {
            this.maxPendingCalls = value;
            return this;
        }

        /** See {@link ClusterLimitsSettings#local()}. */
        public Builder local(LocalLimitsSettings value) {
            this.local = value;
            return this;
        }

        /** The settings; throws {@link IllegalArgumentException} naming the first invalid field. */
        public ClusterLimitsSettings build() {
            return new ClusterLimitsSettings(redisUri, callTimeout, failurePolicy, nodeCount, keyPrefix,
                    breakerFailureRate, breakerMinimumCalls, breakerOpenFor, maxPendingCalls, local);
        }
    }
}
