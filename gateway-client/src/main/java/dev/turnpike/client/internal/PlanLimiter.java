package dev.turnpike.client.internal;

import dev.turnpike.client.ApiRouting;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps a direct caller to its plan: a Bucket4j token bucket per API (rate and burst) and a count of today's calls
 * against the daily quota. The limits are per client instance: N processes of one consumer may together make N times
 * the plan. Thread-safe.
 */
public final class PlanLimiter {
    /** A refusal, or {@code null} for "go ahead". */
    public record Refusal(String reason, long retryAfterSeconds) {
    }

    private record Limit(ApiRouting.PlanLimits plan, Bucket bucket, LocalDate day, AtomicLong usedToday) {
    }

    private final ConcurrentMap<String, Limit> limits = new ConcurrentHashMap<>();
    private final Clock clock;
    private final ZoneId zone;
    private final Today today;

    /**
     * @param clock what "today" is
     * @param zone  the zone quota days are counted in
     */
    public PlanLimiter(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
        this.today = new Today(clock, zone);
    }

    /** Takes one call of {@code api} under {@code plan}; {@code null} when allowed, else why not. */
    public Refusal tryAcquire(String api, ApiRouting.PlanLimits plan) {
        if (plan == null) {
            return null;
        }
        LocalDate today = this.today.get();
        Limit limit = limits.get(api); // no lock on the usual path: same plan, same day
        if (limit == null || !limit.plan.equals(plan) || !limit.day.equals(today)) {
            limit = limits.compute(api, (id, old) -> old != null && old.plan.equals(plan) && old.day.equals(today)
                    ? old : new Limit(plan, old != null && old.plan.equals(plan) ? old.bucket : bucket(plan), today,
                            new AtomicLong()));
        }
        if (plan.dailyQuota() != null && limit.usedToday.get() >= plan.dailyQuota()) {
            long untilTomorrow = Duration.between(clock.instant(),
                    today.plusDays(1).atStartOfDay(zone).toInstant()).toSeconds();
            return new Refusal("quota", Math.max(1, untilTomorrow));
        }
        ConsumptionProbe probe = limit.bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            return new Refusal("rate", Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999) / 1_000_000_000));
        }
        limit.usedToday.incrementAndGet();
        return null;
    }

    private static Bucket bucket(ApiRouting.PlanLimits plan) {
        int rate = Math.max(1, plan.perSecond());
        int burst = Math.max(rate, plan.burst());
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(rate, Duration.ofSeconds(1)).build())
                .build();
    }
}
