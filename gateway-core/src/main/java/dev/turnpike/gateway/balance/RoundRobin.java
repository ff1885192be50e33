package dev.turnpike.gateway.balance;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Smooth weighted round robin, the nginx algorithm: weights (5, 1, 1) give {@code a a b a c a a}, spreading the
 * heavy endpoint's turns instead of sending it five in a row.
 *
 * <p>nginx's algorithm mutates every endpoint's current weight on each pick, which would need a lock. Because it is
 * deterministic and periodic, its whole cycle (length {@code sum(weights) / gcd(weights)}) is computed once here and
 * picks walk it with one shared {@link AtomicLong}. When the cycle would exceed {@value #MAX_SCHEDULE} entries the
 * weights are scaled down proportionally first (each stays at least 1), so very uneven weights are approximated.
 *
 * <p>Ejected endpoints are skipped by taking the next slot of the cycle, so over a cycle the available endpoints
 * keep their proportions. Thread-safe and lock-free.
 */
final class RoundRobin implements LoadBalancer {
    static final int MAX_SCHEDULE = 1 << 16;

    private final Endpoint[] endpoints;
    private final int[] schedule;
    private final AtomicLong next = new AtomicLong();

    RoundRobin(List<Endpoint> endpoints) {
        this.endpoints = endpoints.toArray(new Endpoint[0]);
        this.schedule = schedule(endpoints.stream().mapToInt(Endpoint::weight).toArray());
    }

    @Override
    public Endpoint pick(long nowNanos) {
        int len = schedule.length;
        if (len == 0) {
            return null;
        }
        // At most one full cycle: every endpoint has a slot in it, so none available after that means all ejected.
        for (int attempt = 0; attempt < len; attempt++) {
            Endpoint e = endpoints[schedule[(int) Long.remainderUnsigned(next.getAndIncrement(), len)]];
            if (e.isAvailable(nowNanos)) {
                return e;
            }
            if (attempt == 0 && noneAvailable(nowNanos)) {
                return null;
            }
        }
        return null;
    }

    private boolean noneAvailable(long nowNanos) {
        for (Endpoint e : endpoints) {
            if (e.isAvailable(nowNanos)) {
                return false;
            }
        }
        return true;
    }

    /** One cycle of nginx's smooth weighted round robin over {@code weights}, as endpoint indexes. */
    static int[] schedule(int[] weights) {
        int n = weights.length;
        if (n == 0) {
            return new int[0];
        }
        int[] w = reduce(weights);
        long total = 0;
        for (int x : w) {
            total += x;
        }
        int[] out = new int[(int) total];
        long[] current = new long[n];
        for (int slot = 0; slot < out.length; slot++) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                current[i] += w[i];
                if (best < 0 || current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
            out[slot] = best;
        }
        return out;
    }

    /** The weights divided by their gcd, then scaled down if their sum still exceeds {@link #MAX_SCHEDULE}. */
    private static int[] reduce(int[] weights) {
        int gcd = 0;
        long sum = 0;
        for (int x : weights) {
            gcd = gcd(gcd, x);
            sum += x;
        }
        int[] w = new int[weights.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = weights[i] / gcd;
        }
        sum /= gcd;
        if (sum + w.length > MAX_SCHEDULE) {
            // Leave room for the rounding up to 1 of each weight.
            double scale = (double) (MAX_SCHEDULE - w.length) / sum;
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.max(1, (int) (w[i] * scale));
            }
        }
        return w;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    @Override
    public String toString() {
        return "RoundRobin" + List.of(endpoints);
    }
}
