package dev.turnpike.registry.model;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a subscription allows: a rate limit and an optional daily quota.
 *
 * @param perSecond  sustained requests per second, 1..1000000000
 * @param burst      bucket size, 1..1000000000
 * @param dailyQuota requests per consumer and API per UTC day, at least 1; empty for no quota
 */
public record Plan(int perSecond, int burst, OptionalLong dailyQuota) {
    public Plan {
        new RateLimit(perSecond, burst); // same bounds, same messages
        Objects.requireNonNull(dailyQuota, "dailyQuota");
        if (dailyQuota.isPresent() && dailyQuota.getAsLong() < 1) {
            throw new IllegalArgumentException("dailyQuota: " + dailyQuota.getAsLong() + " (expected: >= 1)");
        }
    }

    /** The rate part as a {@link RateLimit}. */
    public RateLimit rateLimit() {
        return new RateLimit(perSecond, burst);
    }
}
