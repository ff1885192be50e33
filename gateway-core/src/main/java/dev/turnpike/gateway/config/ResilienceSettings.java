package dev.turnpike.gateway.config;

/**
 * A node's concurrency budgets for upstream calls and its overload shedding ({@code docs/resilience.md}).
 *
 * @param standardConcurrency upstream calls of STANDARD APIs in flight at once on this node (their bulkhead);
 *                            more get 503 {@code bulkhead-full}, default 2000
 * @param criticalConcurrency the same for CRITICAL APIs, a budget of their own, default 2000
 * @param maxInFlight         requests the node admits at once, all APIs together; more get 503 {@code overloaded}
 *                            at once, default 4000
 * @param poolLimitInitial    each pool's adaptive concurrency limit (AIMD) starts here, default 200
 * @param poolLimitMin        and never goes below this, default 10
 * @param poolLimitMax        nor above this, default 2000
 */
public record ResilienceSettings(int standardConcurrency, int criticalConcurrency, int maxInFlight,
                                 int poolLimitInitial, int poolLimitMin, int poolLimitMax) {
    public ResilienceSettings {
        atLeastOne("upstream.standardConcurrency", standardConcurrency);
        atLeastOne("upstream.criticalConcurrency", criticalConcurrency);
        atLeastOne("overload.maxInFlight", maxInFlight);
        atLeastOne("overload.poolLimit.min", poolLimitMin);
        if (poolLimitMax < poolLimitMin) {
            throw new IllegalArgumentException("overload.poolLimit.max: " + poolLimitMax
                    + " (expected: >= overload.poolLimit.min " + poolLimitMin + ")");
        }
        if (poolLimitInitial < poolLimitMin || poolLimitInitial > poolLimitMax) {
            throw new IllegalArgumentException("overload.poolLimit.initial: " + poolLimitInitial
                    + " (expected: " + poolLimitMin + ".." + poolLimitMax + ")");
        }
    }

    private static void atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= 1)");
        }
    }
}
