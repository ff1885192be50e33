package dev.turnpike.registry.model;

/**
 * A token bucket: {@code perSecond} tokens refill each second, at most {@code burst} are kept.
 *
 * @param perSecond sustained requests per second, 1..1000000000
 * @param burst     bucket size, 1..1000000000
 */
public record RateLimit(int perSecond, int burst) {
    public RateLimit {
        if (perSecond < 1 || perSecond > 1_000_000_000) {
            throw new IllegalArgumentException("perSecond: " + perSecond + " (expected: 1..1000000000)");
        }
        if (burst < 1 || burst > 1_000_000_000) {
            throw new IllegalArgumentException("burst: " + burst + " (expected: 1..1000000000)");
        }
    }
}
