package dev.turnpike.throttling.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.turnpike.throttling.LocalLimitsSettings;
import dev.turnpike.throttling.LocalThrottleStrategy;
import dev.turnpike.throttling.RateLimitPlan;
import dev.turnpike.throttling.ThrottleDecision;
import dev.turnpike.throttling.ThrottleKey;
import dev.turnpike.throttling.ThrottleReason;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;

/**
 * Token buckets (Bucket4j, lock-free) and daily counts per key, in memory, held in a bounded Caffeine cache.
 *
 * <p>Order of checks: the daily quota is taken first, then the bucket; if the bucket denies, the quota permits
 * are given back, so a denial takes nothing. Thread-safe; never blocks (the cache's maintenance runs on the
 * calling thread, amortised, and does no I/O).
 */
public final class LocalBucketStrategy implements LocalThrottleStrategy {

    private final QuotaCalendar calendar;
    private final TimeMeter time;
    private final Cache<ThrottleKey, KeyLimits> limits;

    /** Local limits held as {@code settings} say, reading time from {@code clock}. */
    public LocalBucketStrategy(LocalLimitsSettings settings, Clock clock) {
        this.calendar = new QuotaCalendar(clock, settings.quotaZone());
        this.time = new ClockTimeMeter(clock);
        this.limits = Caffeine.newBuilder()
                .maximumSize(settings.maxKeys())
                .expireAfter(new IdleOrEndOfDay(settings.idleExpiry().toNanos(), calendar))
                .ticker(() -> clock.millis() * 1_000_000L)
                // Maintenance on the caller: no hop to the common pool per write, deterministic in tests.
                .executor(Runnable::run)
                .build();
    }

    @Override
    public ThrottleDecision tryAcquireNow(ThrottleKey key, RateLimitPlan plan, long permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits: " + permits + " (expected: >= 1)");
        }
        KeyLimits state = limitsOf(key, plan);
        long nowMillis = time.currentTimeNanos() / 1_000_000L;
        QuotaCalendar.Day day = null;
        long quota = 0;
        long used = 0;
        if (state.daily != null) {
            quota = plan.dailyQuota().getAsLong();
            day = calendar.dayAt(nowMillis);
            used = state.daily.tryTake(day.epochDay(), permits, quota);
            if (used < 0) {
                Duration toMidnight = Duration.ofMillis(day.millisLeft(nowMillis));
                long remaining = Math.max(0, quota - state.daily.used(day.epochDay()));
                return ThrottleDecision.deny(quota, remaining, toMidnight, toMidnight, state.policy,
                        ThrottleReason.QUOTA_EXHAUSTED);
            }
        }
        ConsumptionProbe probe = state.bucket.tryConsumeAndReturnRemaining(permits);
        if (!probe.isConsumed()) {
            if (day != null) {
                state.daily.giveBack(day.epochDay(), permits);
            }
            return ThrottleDecision.deny(plan.burst(), probe.getRemainingTokens(),
                    Duration.ofNanos(probe.getNanosToWaitForReset()),
                    Duration.ofNanos(probe.getNanosToWaitForRefill()), state.policy, ThrottleReason.RATE_LIMITED);
        }
        if (day != null && quota - used < probe.getRemainingTokens()) {
            return ThrottleDecision.allow(quota, quota - used, Duration.ofMillis(day.millisLeft(nowMillis)),
                    state.policy, ThrottleReason.WITHIN_LIMIT);
        }
        return ThrottleDecision.allow(plan.burst(), probe.getRemainingTokens(),
                Duration.ofNanos(probe.getNanosToWaitForReset()), state.policy, ThrottleReason.WITHIN_LIMIT);
    }

    /** Keys held right now, after pending evictions; for tests and metrics. */
    public long keyCount() {
        limits.cleanUp();
        return limits.estimatedSize();
    }

    private KeyLimits limitsOf(ThrottleKey key, RateLimitPlan plan) {
        KeyLimits state = limits.getIfPresent(key);
        if (state != null && (state.plan == plan || state.plan.equals(plan))) {
            return state;
        }
        return limits.asMap().compute(key, (k, old) ->
                old != null && old.plan.equals(plan) ? old : KeyLimits.create(plan, old, time));
    }

    /** Idle keys expire; a key with a daily quota lives at least until its day ends. */
    private static final class IdleOrEndOfDay implements Expiry<ThrottleKey, KeyLimits> {
        private final long idleNanos;
        private final QuotaCalendar calendar;

        IdleOrEndOfDay(long idleNanos, QuotaCalendar calendar) {
            this.idleNanos = idleNanos;
            this.calendar = calendar;
        }

        @Override
        public long expireAfterCreate(ThrottleKey key, KeyLimits value, long currentTime) {
            if (value.daily == null) {
                return idleNanos;
            }
            long nowMillis = calendar.clock().millis();
            return Math.max(idleNanos, calendar.dayAt(nowMillis).millisLeft(nowMillis) * 1_000_000L);
        }

        @Override
        public long expireAfterUpdate(ThrottleKey key, KeyLimits value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(ThrottleKey key, KeyLimits value, long currentTime, long currentDuration) {
            return value.daily == null ? idleNanos : expireAfterCreate(key, value, currentTime);
        }
    }
}
