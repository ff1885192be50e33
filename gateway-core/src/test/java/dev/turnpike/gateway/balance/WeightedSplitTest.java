package dev.turnpike.gateway.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WeightedSplitTest {
    private static final int PICKS = 100_000;

    private static Map<String, Integer> count(WeightedSplit<String> split, SplittableRandom random) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < PICKS; i++) {
            counts.merge(split.pick(random), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void picksInProportionToWeight() {
        WeightedSplit<String> split = WeightedSplit.of(List.of("stable", "canary"), new int[] {95, 5});

        Map<String, Integer> counts = count(split, new SplittableRandom(7));

        assertThat(counts.get("canary") / (double) PICKS).isCloseTo(0.05, offset(0.005));
        assertThat(counts.get("stable") / (double) PICKS).isCloseTo(0.95, offset(0.005));
    }

    @Test
    void neverPicksWeightZero() {
        WeightedSplit<String> split = WeightedSplit.of(List.of("off", "a", "off2", "b", "off3"), new int[] {0, 1, 0, 3, 0});

        Map<String, Integer> counts = count(split, new SplittableRandom(7));

        assertThat(counts).containsOnlyKeys("a", "b");
        assertThat(counts.get("a") / (double) PICKS).isCloseTo(0.25, offset(0.01));
    }

    @Test
    void singlePositiveWeightNeedsNoRandomNumber() {
        WeightedSplit<String> split = WeightedSplit.of(List.of("blue", "green"), new int[] {100, 0});

        assertThat(split.pick(null)).isEqualTo("blue");
        assertThat(split.pick()).isEqualTo("blue");
        assertThat(split).hasToString("WeightedSplit[blue=100]");
    }

    @Test
    void defaultPickUsesThreadLocalRandom() {
        WeightedSplit<String> split = WeightedSplit.of(List.of("a", "b"), new int[] {1, 1});

        assertThat(split.pick()).isIn("a", "b");
    }

    @Test
    void rejectsBadWeights() {
        assertThatThrownBy(() -> WeightedSplit.of(List.of("a"), new int[] {1, 2}))
                .hasMessage("weights: 2 of them (expected: one per item, 1)");
        assertThatThrownBy(() -> WeightedSplit.of(List.of("a", "b"), new int[] {1, -1}))
                .hasMessage("weights[1]: -1 (expected: >= 0)");
        assertThatThrownBy(() -> WeightedSplit.of(List.of("a", "b"), new int[] {0, 0}))
                .hasMessage("weights: all 0 (expected: at least one > 0)");
        assertThatThrownBy(() -> WeightedSplit.of(List.of(), new int[] {}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
