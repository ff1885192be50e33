package dev.turnpike.throttling;

import reactor.core.publisher.Mono;

/**
 * A {@link ThrottleStrategy} that decides in memory, on the calling thread, without I/O: use
 * {@link #tryAcquireNow} on the hot path to skip the {@code Mono}.
 *
 * <p>Thread-safe and lock-free apart from the key cache's per-bin locking on first use of a key.
 */
public interface LocalThrottleStrategy extends ThrottleStrategy {

    /** Same as {@link #tryAcquire}, answered at once. */
    ThrottleDecision tryAcquireNow(ThrottleKey key, RateLimitPlan plan, long permits);

    @Override
    default Mono<ThrottleDecision> tryAcquire(ThrottleKey key, RateLimitPlan plan, long permits) {
        return Mono.just(tryAcquireNow(key, plan, permits));
    }
}
