package dev.turnpike.gateway.config;

import dev.turnpike.throttling.RedisFailurePolicy;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How the public listener admits consumers: API-key brute-force guard, rate limits and quotas (local, or shared
 * through Redis), and usage counting. Immutable.
 *
 * @param bruteForceMaxFailures invalid keys one client address may present per {@code bruteForceWindow} before it
 *                              gets 429 without a lookup, {@code >= 1}
 * @param bruteForceWindow      the window the failures are counted in, {@code > 0}
 * @param bruteForceMaxClients  client addresses tracked at once (bounded memory), {@code >= 1}
 * @param quotaZone             the zone whose calendar days daily quotas and usage days count
 * @param maxLimitKeys          consumer x API limits held in memory on this node, {@code >= 1}
 * @param redisUrl              Redis shared by the nodes for cluster limits ({@code redis://host:port}); empty for
 *                              local limits
 * @param redisTimeout          longest wait for Redis per call before the failure policy answers, {@code > 0}
 * @param redisFailurePolicy    what to answer while Redis is unavailable
 * @param nodes                 nodes in the cluster, for {@link RedisFailurePolicy#LOCAL_SHARE}, {@code >= 1}
 * @param usageFlushInterval    how often usage counts are added to the store, {@code > 0}
 */
public record AccessSettings(int bruteForceMaxFailures, Duration bruteForceWindow, long bruteForceMaxClients,
                             ZoneId quotaZone, long maxLimitKeys, String redisUrl, Duration redisTimeout,
                             RedisFailurePolicy redisFailurePolicy, int nodes, Duration usageFlushInterval) {

    public AccessSettings {
        if (bruteForceMaxFailures < 1) {
            throw new IllegalArgumentException("auth.bruteForce.maxFailures: " + bruteForceMaxFailures
                    + " (expected: >= 1)");
        }
        requirePositive("auth.bruteForce.window", bruteForceWindow);
        if (bruteForceMaxClients < 1) {
            throw new IllegalArgumentException("auth.bruteForce.maxClients: " + bruteForceMaxClients
                    + " (expected: >= 1)");
        }
        Objects.requireNonNull(quotaZone, "quotaZone");
        if (maxLimitKeys < 1) {
            throw new IllegalArgumentException("throttle.maxKeys: " + maxLimitKeys + " (expected: >= 1)");
        }
        Objects.requireNonNull(redisUrl, "redisUrl");
        if (!redisUrl.isEmpty() && !redisUrl.startsWith("redis://") && !redisUrl.startsWith("rediss://")) {
            throw new IllegalArgumentException("throttle.redis.url: \"" + redisUrl
                    + "\" (expected: empty or redis://host:port)");
        }
        requirePositive("throttle.redis.timeout", redisTimeout);
        Objects.requireNonNull(redisFailurePolicy, "redisFailurePolicy");
        if (nodes < 1) {
            throw new IllegalArgumentException("throttle.nodes: " + nodes + " (expected: >= 1)");
        }
        requirePositive("usage.flushInterval", usageFlushInterval);
    }

    /** Whether limits are shared through Redis. */
    public boolean clustered() {
        return !redisUrl.isEmpty();
    }

    private static void requirePositive(String key, Duration value) {
        Objects.requireNonNull(value, key);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(key + ": " + value + " (expected: > 0)");
        }
    }
}
