package dev.turnpike.throttling;

/**
 * Why a {@link ThrottleDecision} came out the way it did; low-cardinality, fit for a metric tag.
 */
public enum ThrottleReason {
    /** Allowed: the bucket had the permits and the daily quota was not used up. */
    WITHIN_LIMIT,
    /** Denied: the token bucket was empty; retry after it refills. */
    RATE_LIMITED,
    /** Denied: the daily quota is used up; retry after midnight in the quota zone. */
    QUOTA_EXHAUSTED,
    /**
     * The shared limiter (Redis) could not answer in time and the failure policy decided: allowed under
     * {@link RedisFailurePolicy#FAIL_OPEN}, denied under {@link RedisFailurePolicy#FAIL_CLOSED}. Under
     * {@link RedisFailurePolicy#LOCAL_SHARE} the local share answers with the reasons above instead.
     */
    LIMITER_UNAVAILABLE
}
