package dev.turnpike.throttling;

import java.time.Duration;
import java.time.ZoneId;

/**
 * How a node holds its local limits.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxKeys        most keys held at once (default 100,000); past it the least valuable keys are evicted
 *                       and start over with a full bucket (and, for a quota, a fresh daily count) when they come
 *                       back, so memory stays flat however many distinct keys pass
 * @param idleExpiry     a key untouched this long is dropped (default 10 minutes); a key with a daily quota is
 *                       kept at least until the end of its day so that waiting does not reset the quota
 * @param quotaZone      the zone whose calendar days daily quotas count (default UTC)
 */
public record LocalLimitsSettings(long maxKeys, Duration idleExpiry, ZoneId quotaZone) {

    public LocalLimitsSettings {
        if (maxKeys <= 0) {
            throw new IllegalArgumentException("maxKeys: " + maxKeys + " (expected: > 0)");
        }
        if (idleExpiry == null || idleExpiry.isNegative() || idleExpiry.isZero()) {
            throw new IllegalArgumentException("idleExpiry: " + idleExpiry + " (expected: > 0)");
        }
        if (quotaZone == null) {
            throw new IllegalArgumentException("quotaZone: null (expected: a zone id such as Asia/Tokyo)");
        }
    }

    /** 100,000 keys, 10 minutes idle expiry, quotas in UTC. */
    public static LocalLimitsSettings defaults() {
        return new LocalLimitsSettings(100_000, Duration.ofMinutes(10), ZoneId.of("UTC"));
    }

    /** These settings with another key bound. */
    public LocalLimitsSettings withMaxKeys(long max) {
        return new LocalLimitsSettings(max, idleExpiry, quotaZone);
    }

    /** These settings with another idle expiry. */
    public LocalLimitsSettings withIdleExpiry(Duration expiry) {
        return new LocalLimitsSettings(maxKeys, expiry, quotaZone);
    }

    /** These settings with quotas counted in another zone's calendar days. */
    public LocalLimitsSettings withQuotaZone(ZoneId zone) {
        return new LocalLimitsSettings(maxKeys, idleExpiry, zone);
    }
}
