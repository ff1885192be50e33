package dev.turnpike.throttling.internal;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import dev.turnpike.throttling.ConcurrencyLimitRegistry;
import dev.turnpike.throttling.ConcurrencyLimitSettings;
import dev.turnpike.throttling.ConcurrencyPermit;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Netflix concurrency-limits {@link SimpleLimiter}s by pool id. The number of pools is bounded by the catalog.
 * Thread-safe; acquiring is a CAS on the pool's semaphore, never a wait.
 */
public final class AdaptiveConcurrencyLimits implements ConcurrencyLimitRegistry {

    private final ConcurrencyLimitSettings settings;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, SimpleLimiter<Void>> pools = new ConcurrentHashMap<>();

    /** Limits that adapt as {@code settings} say, measuring call latency with {@code nanoClock}. */
    public AdaptiveConcurrencyLimits(ConcurrencyLimitSettings settings, LongSupplier nanoClock) {
        this.settings = settings;
        this.nanoClock = nanoClock;
    }

    @Override
    public Optional<ConcurrencyPermit> tryAcquire(String poolId) {
        return limiter(poolId).acquire(null).map(Permit::new);
    }

    @Override
    public int limit(String poolId) {
        return limiter(poolId).getLimit();
    }

    @Override
    public int inFlight(String poolId) {
        return limiter(poolId).getInflight();
    }

    @Override
    public void remove(String poolId) {
        pools.remove(poolId);
    }

    private SimpleLimiter<Void> limiter(String poolId) {
        SimpleLimiter<Void> limiter = pools.get(poolId);
        return limiter != null ? limiter : pools.computeIfAbsent(poolId, this::create);
    }

    private SimpleLimiter<Void> create(String poolId) {
        return SimpleLimiter.newBuilder()
                .named(poolId)
                .limit(newLimit())
                .nanoClock(nanoClock)
                .build();
    }

    private Limit newLimit() {
        return switch (settings.algorithm()) {
            case AIMD -> AIMDLimit.newBuilder()
                    .initialLimit(settings.initialLimit())
                    .minLimit(settings.minLimit())
                    .maxLimit(settings.maxLimit())
                    .timeout(settings.slowCallThreshold().toNanos(), TimeUnit.NANOSECONDS)
                    .build();
            case GRADIENT2 -> Gradient2Limit.newBuilder()
                    .initialLimit(settings.initialLimit())
                    .minLimit(settings.minLimit())
                    .maxConcurrency(settings.maxLimit())
                    .build();
        };
    }

    /** Adapts a Netflix listener. */
    private record Permit(Limiter.Listener listener) implements ConcurrencyPermit {
        @Override
        public void onSuccess() {
            listener.onSuccess();
        }

        @Override
        public void onDropped() {
            listener.onDropped();
        }

        @Override
        public void onIgnore() {
            listener.onIgnore();
        }
    }
}
