package dev.turnpike.client.internal;

import dev.turnpike.client.ApiRouting;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Picks an instance of one pool with the gateway's semantics: weights, instances the gateway ejected skipped, and
 * either power of two choices on requests in flight relative to weight ({@code LEAST_OUTSTANDING}, the default) or
 * smooth weighted round robin ({@code ROUND_ROBIN}). The client also skips instances whose circuit breaker is open
 * and instances already tried for the same call. Thread-safe.
 */
final class PoolChoice {
    private final ApiRouting.PoolRouting pool;
    private final List<ApiRouting.InstanceRouting> instances;
    private final boolean roundRobin;
    /** Smooth weighted round robin's current weights; guarded by {@code this}. */
    private final long[] current;

    PoolChoice(ApiRouting.PoolRouting pool) {
        this.pool = pool;
        this.instances = pool.instances();
        this.roundRobin = "ROUND_ROBIN".equals(pool.balancer());
        this.current = new long[instances.size()];
    }

    ApiRouting.PoolRouting pool() {
        return pool;
    }

    /**
     * An instance for the next attempt, or {@code null} when none is available.
     *
     * @param states   the state of each instance
     * @param excluded instances already tried for this call
     */
    Upstream pick(Function<ApiRouting.InstanceRouting, InstanceState> states, Set<ApiRouting.InstanceRouting> excluded) {
        int n = instances.size();
        InstanceState[] st = new InstanceState[n];
        boolean[] up = new boolean[n];
        long total = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            ApiRouting.InstanceRouting in = instances.get(i);
            st[i] = states.apply(in);
            up[i] = !in.ejected() && !excluded.contains(in) && st[i].isCallPermitted();
            if (up[i]) {
                total += Math.max(1, in.weight());
                count++;
            }
        }
        if (count == 0) {
            return null;
        }
        int chosen = roundRobin ? smoothRoundRobin(up, total) : twoChoices(up, st, total, count,
                ThreadLocalRandom.current());
        return new Upstream(pool, instances.get(chosen), st[chosen]);
    }

    private int twoChoices(boolean[] up, InstanceState[] st, long total, int count, RandomGenerator rnd) {
        int a = byWeight(up, total, rnd, -1);
        if (count == 1) {
            return a;
        }
        int b = byWeight(up, total - Math.max(1, instances.get(a).weight()), rnd, a);
        long wa = Math.max(1, instances.get(a).weight());
        long wb = Math.max(1, instances.get(b).weight());
        return (long) st[a].inFlight() * wb <= (long) st[b].inFlight() * wa ? a : b;
    }

    private int byWeight(boolean[] up, long total, RandomGenerator rnd, int except) {
        long r = rnd.nextLong(total);
        int last = -1;
        for (int i = 0; i < up.length; i++) {
            if (up[i] && i != except) {
                last = i;
                r -= Math.max(1, instances.get(i).weight());
                if (r < 0) {
                    return i;
                }
            }
        }
        return last;
    }

    /** nginx's smooth weighted round robin over the available instances. */
    private synchronized int smoothRoundRobin(boolean[] up, long total) {
        int best = -1;
        for (int i = 0; i < up.length; i++) {
            if (up[i]) {
                current[i] += Math.max(1, instances.get(i).weight());
                if (best < 0 || current[i] > current[best]) {
                    best = i;
                }
            }
        }
        current[best] -= total;
        return best;
    }
}
