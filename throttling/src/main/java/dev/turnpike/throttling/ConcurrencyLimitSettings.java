package dev.turnpike.throttling;

import java.time.Duration;

/**
 * How the adaptive concurrency limit of each upstream pool moves.
 *
 * <p>Immutable and thread-safe.
 *
 * @param algorithm         how the limit adapts
 * @param initialLimit      concurrent calls allowed at first, {@code minLimit..maxLimit}
 * @param minLimit          the limit never goes below this, {@code >= 1}
 * @param maxLimit          the limit never goes above this, {@code >= minLimit}
 * @param slowCallThreshold for {@link Algorithm#AIMD}: a call slower than this counts as a drop
 */
public record ConcurrencyLimitSettings(Algorithm algorithm, int initialLimit, int minLimit, int maxLimit,
                                       Duration slowCallThreshold) {

    /** How a limit adapts; both come from Netflix concurrency-limits. */
    public enum Algorithm {
        /** Additive increase (+1 while busy and healthy), multiplicative decrease (x0.9 on a drop or slow call). */
        AIMD,
        /** Follows the gradient between long-term and short-term latency: shrinks as queueing builds up. */
        GRADIENT2
    }

    public ConcurrencyLimitSettings {
        if (algorithm == null) {
            throw new IllegalArgumentException("algorithm: null (expected: AIMD or GRADIENT2)");
        }
        if (minLimit < 1) {
            throw new IllegalArgumentException("minLimit: " + minLimit + " (expected: >= 1)");
        }
        if (maxLimit < minLimit) {
            throw new IllegalArgumentException("maxLimit: " + maxLimit + " (expected: >= minLimit " + minLimit + ")");
        }
        if (initialLimit < minLimit || initialLimit > maxLimit) {
            throw new IllegalArgumentException("initialLimit: " + initialLimit
                    + " (expected: " + minLimit + ".." + maxLimit + ")");
        }
        if (slowCallThreshold == null || slowCallThreshold.isNegative() || slowCallThreshold.isZero()) {
            throw new IllegalArgumentException("slowCallThreshold: " + slowCallThreshold + " (expected: > 0)");
        }
    }

    /** AIMD from 20 concurrent calls, between 1 and 1000, a call slower than 5 s counting as a drop. */
    public static ConcurrencyLimitSettings defaults() {
        return new ConcurrencyLimitSettings(Algorithm.AIMD, 20, 1, 1000, Duration.ofSeconds(5));
    }
}
