package dev.turnpike.throttling;

import reactor.core.publisher.Mono;

/**
 * Decides whether a request may proceed under a plan; knows no HTTP. A gateway filter enforces the decision
 * (429 with the RateLimit headers); this type only decides.
 *
 * <p>Implementations never block the calling thread and are thread-safe.
 */
public interface ThrottleStrategy {

    /**
     * Takes {@code permits} permits from the limit of {@code key} under {@code plan}, if it has them.
     *
     * <p>A denial takes nothing. When the plan of a key changes, its daily count is kept; a local bucket starts
     * over full under the new plan, a Redis bucket keeps its tokens (capped at the new burst).
     *
     * @param key     what is counted
     * @param plan    the limits that apply to {@code key}
     * @param permits the request's cost, {@code >= 1}
     * @return a {@code Mono} with exactly one decision; it never errors for an unreachable backend: the failure
     *         policy answers instead
     */
    Mono<ThrottleDecision> tryAcquire(ThrottleKey key, RateLimitPlan plan, long permits);
}
