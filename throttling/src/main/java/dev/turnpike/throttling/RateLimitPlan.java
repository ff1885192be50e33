package dev.turnpike.throttling;

import java.util.OptionalLong;

/**
 * A plan: a steady rate with a burst allowance and, optionally, a daily quota.
 *
 * <p>Enforced as a token bucket that holds at most {@code burst} permits and refills {@code perSecond} permits
 * per second, continuously (a client that waited 10 ms gets {@code perSecond / 100} permits back). A fresh bucket
 * is full. The daily quota, when present, caps the permits granted per calendar day in the zone the limiter is
 * configured with; it resets at midnight in that zone.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * RateLimitPlan plan = RateLimitPlan.of(500, 1000).withDailyQuota(10_000_000);
 * plan.policyText(); // "500;w=1;burst=1000, 10000000;w=86400"
 * }</pre>
 *
 * @param perSecond  steady rate in permits per second, {@code > 0}
 * @param burst      bucket capacity, {@code >= perSecond}
 * @param dailyQuota permits per calendar day, {@code > 0} when present
 */
public record RateLimitPlan(long perSecond, long burst, OptionalLong dailyQuota) {

    public RateLimitPlan {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("perSecond: " + perSecond + " (expected: > 0)");
        }
        if (burst < perSecond) {
            throw new IllegalArgumentException("burst: " + burst + " (expected: >= perSecond " + perSecond + ")");
        }
        if (dailyQuota == null) {
            throw new IllegalArgumentException("dailyQuota: null (expected: OptionalLong.empty() or a quota)");
        }
        if (dailyQuota.isPresent() && dailyQuota.getAsLong() <= 0) {
            throw new IllegalArgumentException("dailyQuota: " + dailyQuota.getAsLong() + " (expected: > 0)");
        }
    }

    /** A plan without a daily quota. */
    public static RateLimitPlan of(long perSecond, long burst) {
        return new RateLimitPlan(perSecond, burst, OptionalLong.empty());
    }

    /** This plan with a daily quota of {@code quota} permits. */
    public RateLimitPlan withDailyQuota(long quota) {
        return new RateLimitPlan(perSecond, burst, OptionalLong.of(quota));
    }

    /**
     * This plan's share on one of {@code nodes} nodes: every number divided by {@code nodes}, rounded up, so the
     * nodes together allow at most {@code nodes - 1} permits more than the plan (never less).
     */
    public RateLimitPlan share(int nodes) {
        if (nodes <= 0) {
            throw new IllegalArgumentException("nodes: " + nodes + " (expected: > 0)");
        }
        if (nodes == 1) {
            return this;
        }
        long rate = ceilDiv(perSecond, nodes);
        OptionalLong quota = dailyQuota.isPresent() ? OptionalLong.of(ceilDiv(dailyQuota.getAsLong(), nodes))
                : OptionalLong.empty();
        return new RateLimitPlan(rate, Math.max(rate, ceilDiv(burst, nodes)), quota);
    }

    /**
     * The value of the IETF {@code RateLimit-Policy} header for this plan, for example
     * {@code 100;w=1;burst=200} or, with a daily quota, {@code 100;w=1;burst=200, 10000;w=86400}.
     */
    public String policyText() {
        String rate = perSecond + ";w=1;burst=" + burst;
        return dailyQuota.isPresent() ? rate + ", " + dailyQuota.getAsLong() + ";w=86400" : rate;
    }

    private static long ceilDiv(long value, int divisor) {
        return -Math.floorDiv(-value, divisor);
    }
}
