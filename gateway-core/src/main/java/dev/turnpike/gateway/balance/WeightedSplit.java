package dev.turnpike.gateway.balance;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * An immutable weighted choice among items, such as an API's upstream pools in a canary split
 * ({@code stable: 95, canary: 5}). Each {@link #pick()} draws independently in proportion to the weights; an item
 * of weight 0 is never picked; with one item of positive weight no random number is drawn.
 *
 * <pre>{@code
 * WeightedSplit<String> split = WeightedSplit.of(List.of("stable", "canary"), new int[] {95, 5});
 * String pool = split.pick();
 * }</pre>
 *
 * <p>Thread-safe: immutable; {@link #pick()} uses {@link ThreadLocalRandom}.
 *
 * @param <T> the item type
 */
public final class WeightedSplit<T> {
    private final List<T> items;
    private final CumulativeWeights weights;

    private WeightedSplit(List<T> items, CumulativeWeights weights) {
        this.items = items;
        this.weights = weights;
    }

    /**
     * A split over {@code items} with the weight of each at the same index.
     *
     * @param items   the choices, not null
     * @param weights one per item, each &gt;= 0, at least one &gt; 0
     * @throws IllegalArgumentException when the lengths differ, a weight is negative or all are 0
     */
    public static <T> WeightedSplit<T> of(List<T> items, int[] weights) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(weights, "weights");
        if (items.size() != weights.length) {
            throw new IllegalArgumentException("weights: " + weights.length + " of them (expected: one per item, "
                    + items.size() + ")");
        }
        List<T> kept = new ArrayList<>();
        List<Integer> keptWeights = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] < 0) {
                throw new IllegalArgumentException("weights[" + i + "]: " + weights[i] + " (expected: >= 0)");
            }
            if (weights[i] > 0) {
                kept.add(Objects.requireNonNull(items.get(i), "items[" + i + "]"));
                keptWeights.add(weights[i]);
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("weights: all 0 (expected: at least one > 0)");
        }
        int[] w = keptWeights.stream().mapToInt(Integer::intValue).toArray();
        return new WeightedSplit<>(List.copyOf(kept), new CumulativeWeights(w));
    }

    /** An item drawn in proportion to its weight, using {@link ThreadLocalRandom}. */
    public T pick() {
        return items.size() == 1 ? items.get(0) : items.get(weights.pick(ThreadLocalRandom.current()));
    }

    /** An item drawn in proportion to its weight, using {@code random} (for reproducible tests and simulations). */
    public T pick(RandomGenerator random) {
        return items.size() == 1 ? items.get(0) : items.get(weights.pick(random));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("WeightedSplit[");
        for (int i = 0; i < items.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(items.get(i)).append('=').append(weights.weight(i));
        }
        return sb.append(']').toString();
    }
}
