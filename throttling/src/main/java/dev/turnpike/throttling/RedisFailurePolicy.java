package dev.turnpike.throttling;

/**
 * What a cluster limiter answers while Redis is unreachable, too slow (past the call timeout) or its circuit
 * breaker is open.
 */
public enum RedisFailurePolicy {
    /** Allow every request ({@link ThrottleReason#LIMITER_UNAVAILABLE}): availability over protection. */
    FAIL_OPEN,
    /**
     * Deny every request ({@link ThrottleReason#LIMITER_UNAVAILABLE}) with a {@code retryAfter} of the circuit
     * breaker's open time: protection over availability.
     */
    FAIL_CLOSED,
    /**
     * Each node enforces its share of every plan locally ({@link RateLimitPlan#share(int)} with the configured
     * node count), so the cluster as a whole stays near the plan while Redis is away.
     */
    LOCAL_SHARE
}
