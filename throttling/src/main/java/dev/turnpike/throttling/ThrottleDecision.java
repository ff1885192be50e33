package dev.turnpike.throttling;

import java.time.Duration;

/**
 * A limiter's answer for one request, with everything the IETF RateLimit header fields need.
 *
 * <p>Maps to headers as: {@code RateLimit-Limit: limit}, {@code RateLimit-Remaining: remaining},
 * {@code RateLimit-Reset: reset} in whole seconds rounded up, {@code RateLimit-Policy: policy}, and on a denial
 * {@code Retry-After: retryAfter} in whole seconds rounded up. When a plan has both a rate and a daily quota, the
 * numbers describe whichever is closer to exhaustion (the quota when it denied).
 *
 * <p>Immutable and thread-safe.
 *
 * @param allowed    whether the request may proceed
 * @param limit      the limit the numbers refer to: the burst, or the daily quota; {@code >= 0}
 * @param remaining  permits left right now, {@code 0..limit}
 * @param reset      time until the limit is fully available again (bucket full, or midnight for a quota)
 * @param retryAfter time after which a retry of the same cost can succeed; zero when allowed
 * @param policy     the {@code RateLimit-Policy} header value, see {@link RateLimitPlan#policyText()}
 * @param reason     why
 */
public record ThrottleDecision(boolean allowed, long limit, long remaining, Duration reset, Duration retryAfter,
                               String policy, ThrottleReason reason) {

    public ThrottleDecision {
        if (limit < 0) {
            throw new IllegalArgumentException("limit: " + limit + " (expected: >= 0)");
        }
        if (remaining < 0 || remaining > limit) {
            throw new IllegalArgumentException("remaining: " + remaining + " (expected: 0.." + limit + ")");
        }
        requireNonNegative("reset", reset);
        requireNonNegative("retryAfter", retryAfter);
        if (allowed && !retryAfter.isZero()) {
            throw new IllegalArgumentException("retryAfter: " + retryAfter + " (expected: zero when allowed)");
        }
        if (policy == null) {
            throw new IllegalArgumentException("policy: null (expected: a RateLimit-Policy value)");
        }
        if (reason == null) {
            throw new IllegalArgumentException("reason: null (expected: a ThrottleReason)");
        }
    }

    /** An allowed decision. */
    public static ThrottleDecision allow(long limit, long remaining, Duration reset, String policy,
                                         ThrottleReason reason) {
        return new ThrottleDecision(true, limit, remaining, reset, Duration.ZERO, policy, reason);
    }

    /** A denial. */
    public static ThrottleDecision deny(long limit, long remaining, Duration reset, Duration retryAfter,
                                        String policy, ThrottleReason reason) {
        return new ThrottleDecision(false, limit, remaining, reset, retryAfter, policy, reason);
    }

    /** {@link #reset()} in whole seconds, rounded up: the {@code RateLimit-Reset} header value. */
    public long resetSeconds() {
        return ceilSeconds(reset);
    }

    /** {@link #retryAfter()} in whole seconds, rounded up: the {@code Retry-After} header value. */
    public long retryAfterSeconds() {
        return ceilSeconds(retryAfter);
    }

    private static long ceilSeconds(Duration duration) {
        long seconds = duration.getSeconds();
        return duration.getNano() > 0 ? seconds + 1 : seconds;
    }

    private static void requireNonNegative(String field, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: >= 0)");
        }
    }
}
