package dev.turnpike.throttling.internal;

import dev.turnpike.throttling.RateLimitPlan;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucket;
import java.time.Duration;

/**
 * The local state of one key: its token bucket and, when its plan has one, its daily count. Immutable apart
 * from the bucket and the count, which are thread-safe themselves.
 */
final class KeyLimits {

    final RateLimitPlan plan;
    final String policy;
    final LocalBucket bucket;
    /** Null when the plan has no daily quota. */
    final DailyCount daily;

    private KeyLimits(RateLimitPlan plan, LocalBucket bucket, DailyCount daily) {
        this.plan = plan;
        this.policy = plan.policyText();
        this.bucket = bucket;
        this.daily = daily;
    }

    /** Fresh state under {@code plan}; keeps {@code previous}'s daily count so a plan change is no quota reset. */
    static KeyLimits create(RateLimitPlan plan, KeyLimits previous, TimeMeter time) {
        LocalBucket bucket = Bucket.builder()
                .addLimit(limit -> limit.capacity(plan.burst())
                        .refillGreedy(plan.perSecond(), Duration.ofSeconds(1)))
                .withCustomTimePrecision(time)
                .build();
        DailyCount daily = null;
        if (plan.dailyQuota().isPresent()) {
            daily = previous != null && previous.daily != null ? previous.daily : new DailyCount();
        }
        return new KeyLimits(plan, bucket, daily);
    }
}
