package dev.turnpike.throttling.internal;

import dev.turnpike.throttling.RateLimitPlan;
import dev.turnpike.throttling.RedisFailurePolicy;
import dev.turnpike.throttling.ThrottleDecision;
import dev.turnpike.throttling.ThrottleKey;
import dev.turnpike.throttling.ThrottleReason;
import java.time.Duration;

/**
 * Answers for a cluster limiter while Redis cannot: by {@link RedisFailurePolicy}. Thread-safe, never blocks.
 */
final class RedisOutageFallback {

    private final RedisFailurePolicy policy;
    private final Duration failClosedRetryAfter;
    private final int nodeCount;
    private final LocalBucketStrategy localShare;

    RedisOutageFallback(RedisFailurePolicy policy, Duration failClosedRetryAfter, int nodeCount,
                        LocalBucketStrategy localShare) {
        this.policy = policy;
        this.failClosedRetryAfter = failClosedRetryAfter;
        this.nodeCount = nodeCount;
        this.localShare = localShare;
    }

    ThrottleDecision decide(ThrottleKey key, RateLimitPlan plan, long permits) {
        return switch (policy) {
            case FAIL_OPEN -> ThrottleDecision.allow(plan.burst(), plan.burst(), Duration.ZERO, plan.policyText(),
                    ThrottleReason.LIMITER_UNAVAILABLE);
            case FAIL_CLOSED -> ThrottleDecision.deny(plan.burst(), 0, failClosedRetryAfter, failClosedRetryAfter,
                    plan.policyText(), ThrottleReason.LIMITER_UNAVAILABLE);
            case LOCAL_SHARE -> localShare.tryAcquireNow(key, plan.share(nodeCount), permits);
        };
    }
}
