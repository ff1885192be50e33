package dev.turnpike.gateway.balance;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Running sums of weights for choosing an index at random in proportion to its weight: one random number and a
 * binary search, {@code O(log n)}. Thread-safe: immutable.
 */
final class CumulativeWeights {
    /** {@code ends[i]} is the sum of weights {@code 0..i}; index {@code i} owns {@code [ends[i-1], ends[i])}. */
    private final long[] ends;

    CumulativeWeights(int[] weights) {
        ends = new long[weights.length];
        long sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] < 0) {
                throw new IllegalArgumentException("weights[" + i + "]: " + weights[i] + " (expected: >= 0)");
            }
            sum += weights[i];
            ends[i] = sum;
        }
    }

    long total() {
        return ends.length == 0 ? 0 : ends[ends.length - 1];
    }

    long weight(int index) {
        return index == 0 ? ends[0] : ends[index] - ends[index - 1];
    }

    /** An index drawn in proportion to weight; the total must be positive. Weight-0 indexes are never drawn. */
    int pick(RandomGenerator random) {
        return indexAt(random.nextLong(total()));
    }

    /** Like {@link #pick}, but never {@code excluded}, whose weight must be below the total. */
    int pickExcept(RandomGenerator random, int excluded) {
        long start = excluded == 0 ? 0 : ends[excluded - 1];
        long r = random.nextLong(total() - weight(excluded));
        // Draw from the total without the excluded interval, then step over that interval.
        return indexAt(r < start ? r : r + weight(excluded));
    }

    /** The index whose interval holds {@code point} (0 &lt;= point &lt; total). */
    private int indexAt(long point) {
        int i = Arrays.binarySearch(ends, point + 1);
        // An exact hit may sit on a run of equal sums (weight-0 entries after it); take the first of the run.
        if (i >= 0) {
            while (i > 0 && ends[i - 1] == ends[i]) {
                i--;
            }
            return i;
        }
        return -i - 1;
    }
}
