package dev.turnpike.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link LiteralTable}: lookups by string region, and updates that add and remove keys in a copy of the slot
 * arrays (backward-shift deletion, growth past half full, shrinking) and must find exactly what a table built
 * from the same entries finds.
 */
class LiteralTableTest {

    @Test
    void findsKeysByRegionOfALargerString() {
        LiteralTable<String> table = LiteralTable.of(Map.of("items", "I", "orders", "O"), false);

        assertThat(table.get("/v1/items/7", 4, 9, new MatchCost())).isEqualTo("I");
        assertThat(table.get("/v1/orders", 4, 10, new MatchCost())).isEqualTo("O");
        assertThat(table.get("/v1/Items", 4, 9, new MatchCost())).isNull();
        assertThat(table.get("item")).isNull();
    }

    @Test
    void ignoringCaseLowerCasesKeysAndLookups() {
        LiteralTable<String> table = LiteralTable.of(Map.of("API.Example", "a"), true);

        assertThat(table.get("api.EXAMPLE:8080", 0, 11, new MatchCost())).isEqualTo("a");
        assertThat(table.with(Map.of("B.example", "b")).get("b.EXAMPLE")).isEqualTo("b");
        assertThatThrownBy(() -> LiteralTable.of(Map.of("a", 1, "A", 2), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected: unique keys");
    }

    @Test
    void addsKeysInPlaceUntilHalfFullThenDoubles() {
        LiteralTable<Integer> three = LiteralTable.of(Map.of("a", 1, "b", 2, "c", 3), false);
        assertThat(three.capacity()).isEqualTo(8);

        LiteralTable<Integer> four = three.with(Map.of("d", 4));
        LiteralTable<Integer> five = four.with(Map.of("e", 5));

        assertThat(four.capacity()).isEqualTo(8);
        assertThat(five.capacity()).isEqualTo(16);
        assertThat(five.size()).isEqualTo(5);
        assertThat(contents(five)).isEqualTo(Map.of("a", 1, "b", 2, "c", 3, "d", 4, "e", 5));
        assertThat(contents(three)).as("the original is unchanged").isEqualTo(Map.of("a", 1, "b", 2, "c", 3));
    }

    @Test
    void replacingAndRemovingAbsentKeysKeepsTheSize() {
        LiteralTable<Integer> table = LiteralTable.of(Map.of("a", 1, "b", 2), false);
        Map<String, Integer> changes = new HashMap<>();
        changes.put("a", 10);
        changes.put("zz", null);

        LiteralTable<Integer> next = table.with(changes);

        assertThat(next.size()).isEqualTo(2);
        assertThat(contents(next)).isEqualTo(Map.of("a", 10, "b", 2));
    }

    @Test
    void removalShiftsAClusterThatWrapsAroundTheArrayEndBack() {
        // home slots in insertion order; each list makes one probe cluster across the end of the array
        List<List<Integer>> clusters = List.of(
                List.of(15, 15, 15, 0, 1),
                List.of(7, 0, 0),
                List.of(6, 7, 7, 0),
                List.of(7, 7, 1, 0));
        for (List<Integer> homes : clusters) {
            int capacity = homes.size() > 4 ? 16 : 8;
            Map<String, Integer> entries = new LinkedHashMap<>();
            for (int i = 0; i < homes.size(); i++) {
                int home = homes.get(i);
                String key = keysWithHome(home, capacity, i + 1).get(i);
                entries.put(key, home);
            }
            LiteralTable<Integer> table = LiteralTable.of(entries, false);
            assertThat(table.capacity()).isEqualTo(capacity);

            for (String removed : entries.keySet()) {
                Map<String, Integer> expected = new HashMap<>(entries);
                expected.remove(removed);
                Map<String, Integer> change = new HashMap<>();
                change.put(removed, null);

                LiteralTable<Integer> next = table.with(change);

                String what = homes + " without " + removed;
                assertThat(contents(next)).as(what).isEqualTo(expected);
                assertThat(next.get(removed)).as(what).isNull();
                expected.forEach((k, v) -> assertThat(next.get(k)).as(what + ": " + k).isEqualTo(v));
            }
        }
    }

    @Test
    void removalLeavesNoTombstoneForLookupsToWalk() {
        int capacity = 16;
        List<String> atFive = keysWithHome(5, capacity, 5);
        Map<String, Integer> entries = new LinkedHashMap<>();
        atFive.forEach(k -> entries.put(k, 5));
        LiteralTable<Integer> table = LiteralTable.of(entries, false);
        String absentAtNine = keysWithHome(9, capacity, 1).get(0);
        MatchCost before = new MatchCost();
        table.get(absentAtNine, 0, absentAtNine.length(), before);
        assertThat(before.probes).as("slots 5-9 are one cluster").isEqualTo(2);

        Map<String, Integer> change = new HashMap<>();
        change.put(atFive.get(0), null);
        LiteralTable<Integer> next = table.with(change);
        MatchCost after = new MatchCost();
        next.get(absentAtNine, 0, absentAtNine.length(), after);

        assertThat(after.probes).as("the cluster now ends at slot 8; slot 9 is empty").isEqualTo(1);
        atFive.subList(1, 5).forEach(k -> assertThat(next.get(k)).as(k).isEqualTo(5));
    }

    @Test
    void shrinksWhenMostKeysAreRemovedAndEmptiesToTheSharedEmptyTable() {
        Map<String, Integer> entries = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            entries.put("k" + i, i);
        }
        LiteralTable<Integer> table = LiteralTable.of(entries, true);
        Map<String, Integer> removeMost = new HashMap<>();
        for (int i = 0; i < 95; i++) {
            removeMost.put("K" + i, null);
        }

        LiteralTable<Integer> five = table.with(removeMost);

        assertThat(table.capacity()).isEqualTo(256);
        assertThat(five.capacity()).isEqualTo(16);
        assertThat(contents(five)).isEqualTo(Map.of("k95", 95, "k96", 96, "k97", 97, "k98", 98, "k99", 99));
        Map<String, Integer> removeAll = new HashMap<>();
        five.forEach((k, v) -> removeAll.put(k, null));
        LiteralTable<Integer> none = five.with(removeAll);
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.with(Map.of("Again", 1)).get("aGAIN")).as("still ignores case").isEqualTo(1);
    }

    @Test
    void randomAddsAndRemovesFindWhatATableBuiltFromScratchFinds() {
        Random random = new Random(7);
        for (boolean ignoreCase : List.of(false, true)) {
            Map<String, Integer> model = new HashMap<>();
            LiteralTable<Integer> table = LiteralTable.of(model, ignoreCase);
            for (int step = 0; step < 2_000; step++) {
                Map<String, Integer> changes = new HashMap<>();
                int n = 1 + random.nextInt(step % 100 < 50 ? 3 : 40);
                boolean mostlyRemove = step % 300 > 200;
                for (int c = 0; c < n; c++) {
                    String key = "seg" + random.nextInt(400);
                    changes.put(key, random.nextInt(4) < (mostlyRemove ? 3 : 1) ? null : step);
                }
                table = table.with(changes);
                changes.forEach((k, v) -> {
                    if (v == null) {
                        model.remove(k);
                    } else {
                        model.put(k, v);
                    }
                });

                assertThat(table.size()).isEqualTo(model.size());
                assertThat(table.capacity()).isGreaterThanOrEqualTo(2 * model.size());
                assertThat(contents(table)).isEqualTo(model);
                for (int i = 0; i < 400; i++) {
                    String key = ignoreCase ? "SEG" + i : "seg" + i;
                    assertThat(table.get(key)).as(key).isEqualTo(model.get("seg" + i));
                }
            }
        }
    }

    /** {@code count} distinct keys whose probing starts at {@code slot} in a table of {@code capacity}. */
    private static List<String> keysWithHome(int slot, int capacity, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; out.size() < count; i++) {
            String key = "key" + i;
            if (LiteralTable.homeSlot(key, capacity) == slot) {
                out.add(key);
            }
        }
        return out;
    }

    private static <V> Map<String, V> contents(LiteralTable<V> table) {
        Map<String, V> out = new HashMap<>();
        table.forEach(out::put);
        return out;
    }
}
