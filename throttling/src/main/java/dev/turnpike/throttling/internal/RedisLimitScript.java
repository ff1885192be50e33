package dev.turnpike.throttling.internal;

import dev.turnpike.throttling.RateLimitPlan;
import dev.turnpike.throttling.ThrottleDecision;
import dev.turnpike.throttling.ThrottleReason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * The Lua script that takes permits from a Redis token bucket and a daily counter in one round trip, and the
 * reading of its reply. Redis runs a script atomically, so nodes cannot interleave; time is Redis's own
 * ({@code TIME}), so node clocks do not skew buckets. Stateless and thread-safe.
 *
 * <p>Keys: {@code KEYS[1]} the bucket hash ({@code tk} tokens, {@code ts} last update in microseconds),
 * {@code KEYS[2]} the day's counter. Args: rate per second, burst, permits, daily quota (0: none), seconds the
 * counter must live. Reply: allowed (0/1), reason (0 within, 1 rate, 2 quota), tokens left, microseconds until
 * a retry can succeed (-1: never, the cost exceeds the burst), microseconds until the bucket is full, quota used.
 */
final class RedisLimitScript {

    static final String SOURCE = """
            local now_t = redis.call('TIME')
            local now = tonumber(now_t[1]) * 1000000 + tonumber(now_t[2])
            local rate = tonumber(ARGV[1])
            local burst = tonumber(ARGV[2])
            local permits = tonumber(ARGV[3])
            local quota = tonumber(ARGV[4])
            local state = redis.call('HMGET', KEYS[1], 'tk', 'ts')
            local tokens = tonumber(state[1])
            local ts = tonumber(state[2])
            if tokens == nil or ts == nil then
              tokens = burst
              ts = now
            end
            if now > ts then
              tokens = math.min(burst, tokens + (now - ts) * rate / 1000000)
            end
            local used = 0
            if quota > 0 then
              used = tonumber(redis.call('GET', KEYS[2]) or '0')
              if used + permits > quota then
                return {0, 2, math.floor(tokens), 0, 0, used}
              end
            end
            if tokens < permits then
              local wait = -1
              if permits <= burst then
                wait = math.ceil((permits - tokens) * 1000000 / rate)
              end
              return {0, 1, math.floor(tokens), wait, math.ceil((burst - tokens) * 1000000 / rate), used}
            end
            tokens = tokens - permits
            redis.call('HSET', KEYS[1], 'tk', string.format('%.17g', tokens), 'ts', string.format('%.17g', now))
            redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
            if quota > 0 then
              used = redis.call('INCRBY', KEYS[2], permits)
              redis.call('EXPIRE', KEYS[2], tonumber(ARGV[5]))
            end
            return {1, 0, math.floor(tokens), 0, math.ceil((burst - tokens) * 1000000 / rate), used}
            """;

    static final String SHA1 = sha1(SOURCE);

    private RedisLimitScript() {
    }

    /** The script's arguments for one call. */
    static String[] args(RateLimitPlan plan, long permits, long counterTtlSeconds) {
        long quota = plan.dailyQuota().isPresent() ? plan.dailyQuota().getAsLong() : 0;
        return new String[] {Long.toString(plan.perSecond()), Long.toString(plan.burst()), Long.toString(permits),
                Long.toString(quota), Long.toString(counterTtlSeconds)};
    }

    /** The decision a script reply stands for; {@code millisToMidnight} is the quota day's remaining time. */
    static ThrottleDecision decision(List<Object> reply, RateLimitPlan plan, String policy, long millisToMidnight) {
        boolean allowed = number(reply, 0) == 1;
        long reason = number(reply, 1);
        long tokens = Math.min(plan.burst(), Math.max(0, number(reply, 2)));
        long retryMicros = number(reply, 3);
        Duration untilFull = Duration.ofNanos(Math.max(0, number(reply, 4)) * 1000);
        if (reason == 2 || (allowed && plan.dailyQuota().isPresent())) {
            long quota = plan.dailyQuota().getAsLong();
            long quotaLeft = Math.max(0, quota - number(reply, 5));
            Duration toMidnight = Duration.ofMillis(millisToMidnight);
            if (!allowed) {
                return ThrottleDecision.deny(quota, quotaLeft, toMidnight, toMidnight, policy,
                        ThrottleReason.QUOTA_EXHAUSTED);
            }
            if (quotaLeft < tokens) {
                return ThrottleDecision.allow(quota, quotaLeft, toMidnight, policy, ThrottleReason.WITHIN_LIMIT);
            }
        }
        if (allowed) {
            return ThrottleDecision.allow(plan.burst(), tokens, untilFull, policy, ThrottleReason.WITHIN_LIMIT);
        }
        Duration retry = retryMicros < 0 ? Duration.ofNanos(Long.MAX_VALUE) : Duration.ofNanos(retryMicros * 1000);
        return ThrottleDecision.deny(plan.burst(), tokens, untilFull, retry, policy, ThrottleReason.RATE_LIMITED);
    }

    private static long number(List<Object> reply, int index) {
        return ((Number) reply.get(index)).longValue();
    }

    private static String sha1(String source) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(digest.digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }
}
