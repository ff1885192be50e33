package dev.turnpike.throttling;

import dev.turnpike.throttling.internal.AdaptiveConcurrencyLimits;
import dev.turnpike.throttling.internal.LocalBucketStrategy;
import dev.turnpike.throttling.internal.RedisThrottleStrategy;
import java.time.Clock;

/**
 * Entry point of the throttling module: creates limiters from settings. Holds no state.
 *
 * <pre>{@code
 * LocalThrottleStrategy local = Throttling.local(LocalLimitsSettings.defaults());
 * ThrottleDecision d = local.tryAcquireNow(ThrottleKey.of("mypage-web", "products"),
 *         RateLimitPlan.of(500, 1000).withDailyQuota(10_000_000), 1);
 *
 * try (ClusterThrottleStrategy cluster = Throttling.cluster(
 *         ClusterLimitsSettings.builder("redis://redis:6379").failurePolicy(RedisFailurePolicy.LOCAL_SHARE)
 *                 .nodeCount(3).build())) {
 *     cluster.tryAcquire(key, plan, 1).subscribe(decision -> ...);
 * }
 * }</pre>
 */
public final class Throttling {

    private Throttling() {
    }

    /** Local limits on the system clock. */
    public static LocalThrottleStrategy local(LocalLimitsSettings settings) {
        return local(settings, Clock.systemUTC());
    }

    /** Local limits on {@code clock} (buckets at millisecond precision; quota days from its instant). */
    public static LocalThrottleStrategy local(LocalLimitsSettings settings, Clock clock) {
        return new LocalBucketStrategy(settings, clock);
    }

    /**
     * Cluster limits on the system clock. Connects to Redis in the background: until connected, and whenever
     * Redis fails, the failure policy answers. Close the strategy on shutdown.
     */
    public static ClusterThrottleStrategy cluster(ClusterLimitsSettings settings) {
        return cluster(settings, Clock.systemUTC());
    }

    /**
     * Cluster limits whose quota days (and local share) read {@code clock}; bucket refill in Redis always uses
     * Redis's own time, so that every node agrees.
     */
    public static ClusterThrottleStrategy cluster(ClusterLimitsSettings settings, Clock clock) {
        return new RedisThrottleStrategy(settings, clock);
    }

    /** Adaptive concurrency limits per upstream pool, measuring latency with {@link System#nanoTime()}. */
    public static ConcurrencyLimitRegistry concurrencyLimits(ConcurrencyLimitSettings settings) {
        return new AdaptiveConcurrencyLimits(settings, System::nanoTime);
    }
}
