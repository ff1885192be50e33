package dev.turnpike.gateway.balance;

import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Power of two choices: draws two distinct endpoints at random in proportion to their weights and sends to the
 * better of the two by the subclass's measure (a tie goes to the first draw). This tracks the best endpoint nearly as
 * well as a full scan, at constant cost, and does not herd every event loop onto the same momentarily best endpoint.
 *
 * <p>Unavailable endpoints (ejected or unhealthy) are skipped: if one of the two is, the other wins; if both are, a
 * linear scan draws among the available ones by weight. That is the rare path, so only it scans.
 *
 * <p>Thread-safe and lock-free: the weights are precomputed, the randomness is per thread.
 */
abstract class PowerOfTwoChoices implements LoadBalancer {
    private final Endpoint[] endpoints;
    private final CumulativeWeights weights;
    private final Supplier<? extends RandomGenerator> random;

    /**
     * @param endpoints the pool's endpoints
     * @param random    where each pick gets its random numbers: {@code ThreadLocalRandom::current} in production, a
     *                  seeded generator in tests
     */
    PowerOfTwoChoices(List<Endpoint> endpoints, Supplier<? extends RandomGenerator> random) {
        this.endpoints = endpoints.toArray(new Endpoint[0]);
        this.weights = new CumulativeWeights(endpoints.stream().mapToInt(Endpoint::weight).toArray());
        this.random = random;
    }

    /** Whether {@code a} is at least as good a choice as {@code b} at {@code nowNanos}; both are available. */
    abstract boolean prefers(Endpoint a, Endpoint b, long nowNanos);

    @Override
    public final Endpoint pick(long nowNanos) {
        int n = endpoints.length;
        if (n <= 1) {
            return n == 1 && endpoints[0].isAvailable(nowNanos) ? endpoints[0] : null;
        }
        RandomGenerator rnd = random.get();
        int i = weights.pick(rnd);
        int j = weights.pickExcept(rnd, i);
        Endpoint a = endpoints[i];
        Endpoint b = endpoints[j];
        boolean aUp = a.isAvailable(nowNanos);
        boolean bUp = b.isAvailable(nowNanos);
        if (aUp && bUp) {
            return prefers(a, b, nowNanos) ? a : b;
        }
        if (aUp) {
            return a;
        }
        if (bUp) {
            return b;
        }
        return scanAvailable(rnd, nowNanos);
    }

    private Endpoint scanAvailable(RandomGenerator rnd, long nowNanos) {
        long total = 0;
        for (Endpoint e : endpoints) {
            if (e.isAvailable(nowNanos)) {
                total += e.weight();
            }
        }
        if (total == 0) {
            return null;
        }
        long r = rnd.nextLong(total);
        Endpoint last = null;
        for (Endpoint e : endpoints) {
            if (e.isAvailable(nowNanos)) {
                last = e;
                r -= e.weight();
                if (r < 0) {
                    return e;
                }
            }
        }
        // An endpoint went out of rotation between the two passes: the last available one seen will do.
        return last;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + List.of(endpoints);
    }
}
