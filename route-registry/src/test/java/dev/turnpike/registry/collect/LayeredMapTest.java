package dev.turnpike.registry.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link LayeredMap}: versions made by editing hold exactly the entries of a copied map with the same changes,
 * earlier versions are never changed, and the layer of changes stays bounded.
 */
class LayeredMapTest {

    @Test
    void editsLeaveTheOriginalUnchanged() {
        LayeredMap<String, Integer> a = LayeredMap.of(Map.of("x", 1, "y", 2));
        LayeredMap.Editor<String, Integer> e = a.edit();

        assertThat(e.remove("x")).isEqualTo(1);
        assertThat(e.remove("nope")).isNull();
        assertThat(e.put("z", 3)).isNull();
        assertThat(e.put("y", 20)).isEqualTo(2);
        LayeredMap<String, Integer> b = e.build();

        assertThat(contents(a)).isEqualTo(Map.of("x", 1, "y", 2));
        assertThat(contents(b)).isEqualTo(Map.of("y", 20, "z", 3));
        assertThat(b.size()).isEqualTo(2);
        assertThat(b.get("x")).isNull();
        assertThat(b.get("y")).isEqualTo(20);
    }

    @Test
    void removedThenPutAgainIsBackWithItsNewValue() {
        LayeredMap<String, Integer> a = LayeredMap.of(Map.of("x", 1));
        LayeredMap.Editor<String, Integer> e = a.edit();
        e.remove("x");
        LayeredMap<String, Integer> gone = e.build();
        LayeredMap.Editor<String, Integer> e2 = gone.edit();
        e2.put("x", 5);
        LayeredMap<String, Integer> back = e2.build();

        assertThat(gone.size()).isZero();
        assertThat(gone.get("x")).isNull();
        assertThat(contents(gone)).isEmpty();
        assertThat(back.size()).isEqualTo(1);
        assertThat(contents(back)).isEqualTo(Map.of("x", 5));
    }

    @Test
    void keyAddedAndRemovedAgainLeavesNoMarkerBehind() {
        LayeredMap<String, Integer> a = LayeredMap.of(Map.of("x", 1));
        LayeredMap.Editor<String, Integer> e = a.edit();
        e.put("new", 2);
        LayeredMap<String, Integer> b = e.build();
        LayeredMap.Editor<String, Integer> e2 = b.edit();
        e2.remove("new");
        LayeredMap<String, Integer> c = e2.build();

        assertThat(c.layerSize()).isZero();
        assertThat(contents(c)).isEqualTo(Map.of("x", 1));
    }

    @Test
    void randomChangesMatchACopiedMapAndTheLayerStaysBounded() {
        Random random = new Random(11);
        Map<Integer, Integer> model = new HashMap<>();
        for (int i = 0; i < 5_000; i++) {
            model.put(i, i);
        }
        LayeredMap<Integer, Integer> map = LayeredMap.of(model);
        LayeredMap<Integer, Integer> first = map;
        Map<Integer, Integer> firstModel = new HashMap<>(model);
        int maxLayer = 0;
        for (int step = 0; step < 3_000; step++) {
            LayeredMap.Editor<Integer, Integer> e = map.edit();
            int changes = 1 + random.nextInt(step % 500 == 0 ? 400 : 4);
            for (int c = 0; c < changes; c++) {
                int key = random.nextInt(6_000);
                if (random.nextBoolean()) {
                    assertThat(e.remove(key)).isEqualTo(model.remove(key));
                } else {
                    assertThat(e.put(key, step)).isEqualTo(model.put(key, step));
                }
                assertThat(e.get(key)).isEqualTo(model.get(key));
            }
            map = e.build();
            maxLayer = Math.max(maxLayer, map.layerSize());

            assertThat(map.size()).isEqualTo(model.size());
            for (int probe = 0; probe < 20; probe++) {
                int key = random.nextInt(6_000);
                assertThat(map.get(key)).isEqualTo(model.get(key));
            }
            if (step % 100 == 0) {
                assertThat(contents(map)).isEqualTo(model);
                Set<Integer> keys = new HashSet<>();
                map.forEach((k, v) -> keys.add(k));
                assertThat(keys).isEqualTo(model.keySet());
            }
        }
        assertThat(contents(map)).isEqualTo(model);
        assertThat(contents(first)).as("the first version is unchanged").isEqualTo(firstModel);
        assertThat(maxLayer).as("the layer is folded into the base once past 2 * sqrt(size)").isLessThanOrEqualTo(
                2 * (int) Math.sqrt(6_000));
    }

    private static <K, V> Map<K, V> contents(LayeredMap<K, V> map) {
        Map<K, V> out = new HashMap<>();
        map.forEach((k, v) -> assertThat(out.put(k, v)).as("each key once").isNull());
        return out;
    }
}
