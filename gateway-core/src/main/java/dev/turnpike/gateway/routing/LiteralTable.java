package dev.turnpike.gateway.routing;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * An immutable open-addressing hash table from literal strings to values that is looked up by a region of a
 * larger string ({@code path[start, end)}), so matching a path segment or a host does not allocate a substring.
 *
 * <p>Keys hash like {@link String#hashCode()} (ASCII-lower-cased first when the table ignores case); the table
 * is at most half full, so a lookup compares a small constant number of slots whatever its size.
 * Thread-safe: immutable after construction.
 *
 * @param <V> the value type
 */
final class LiteralTable<V> {
    private static final LiteralTable<?> EMPTY = new LiteralTable<>(new String[0], new Object[0], false);
    /** Kept apart from {@link #EMPTY} so that {@link #with} on an empty host table still ignores case. */
    private static final LiteralTable<?> EMPTY_IGNORING_CASE = new LiteralTable<>(new String[0], new Object[0], true);

    private final String[] keys;
    private final Object[] values;
    private final int mask;
    private final int shift;
    private final boolean ignoreCase;

    private LiteralTable(String[] keys, Object[] values, boolean ignoreCase) {
        this.keys = keys;
        this.values = values;
        this.mask = keys.length - 1;
        this.shift = shift(keys.length);
        this.ignoreCase = ignoreCase;
    }

    /** A table of {@code entries}; with {@code ignoreCase} the keys are lower-cased and lookups ignore ASCII case. */
    @SuppressWarnings("unchecked")
    static <V> LiteralTable<V> of(Map<String, V> entries, boolean ignoreCase) {
        if (entries.isEmpty()) {
            return (LiteralTable<V>) (ignoreCase ? EMPTY_IGNORING_CASE : EMPTY);
        }
        int capacity = Integer.highestOneBit(Math.max(2, entries.size() * 2 - 1)) << 1;
        String[] keys = new String[capacity];
        Object[] values = new Object[capacity];
        int mask = capacity - 1;
        int shift = shift(capacity);
        for (Map.Entry<String, V> e : entries.entrySet()) {
            String key = ignoreCase ? e.getKey().toLowerCase(Locale.ROOT) : e.getKey();
            int i = slot(hash(key, 0, key.length(), false), shift);
            while (keys[i] != null) {
                if (keys[i].equals(key)) {
                    throw new IllegalArgumentException("key: \"" + key + "\" (expected: unique keys)");
                }
                i = (i + 1) & mask;
            }
            keys[i] = key;
            values[i] = e.getValue();
        }
        return new LiteralTable<>(keys, values, ignoreCase);
    }

    /** The table without entries. */
    @SuppressWarnings("unchecked")
    static <V> LiteralTable<V> empty() {
        return (LiteralTable<V>) EMPTY;
    }

    /**
     * A table with the entries of this one, changed by {@code changes}: a key mapped to {@code null} is removed,
     * any other is put. When every changed key is already here (an API replaced under the same base path) this is
     * one copy of the slot arrays; otherwise the table is rebuilt from its entries.
     */
    LiteralTable<V> with(Map<String, V> changes) {
        if (changes.isEmpty()) {
            return this;
        }
        boolean inPlace = keys.length != 0;
        for (Map.Entry<String, V> e : changes.entrySet()) {
            if (e.getValue() == null || slotOf(e.getKey()) < 0) {
                inPlace = false;
                break;
            }
        }
        if (inPlace) {
            Object[] copy = values.clone();
            changes.forEach((k, v) -> copy[slotOf(k)] = v);
            return new LiteralTable<>(keys, copy, ignoreCase);
        }
        Map<String, V> all = new HashMap<>(Math.max(16, (size() + changes.size()) * 4 / 3 + 1));
        forEach(all::put);
        changes.forEach((k, v) -> {
            String key = ignoreCase ? k.toLowerCase(Locale.ROOT) : k;
            if (v == null) {
                all.remove(key);
            } else {
                all.put(key, v);
            }
        });
        return of(all, ignoreCase);
    }

    /** The value for exactly {@code key}, or {@code null}. */
    V get(String key) {
        return get(key, 0, key.length(), new MatchCost());
    }

    /** Calls {@code action} with every entry, in slot order. */
    @SuppressWarnings("unchecked")
    void forEach(BiConsumer<String, V> action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                action.accept(keys[i], (V) values[i]);
            }
        }
    }

    /** How many entries the table holds. */
    int size() {
        int n = 0;
        for (String k : keys) {
            if (k != null) {
                n++;
            }
        }
        return n;
    }

    private int slotOf(String key) {
        if (keys.length == 0) {
            return -1;
        }
        String k = ignoreCase ? key.toLowerCase(Locale.ROOT) : key;
        int i = slot(hash(k, 0, k.length(), false), shift);
        while (keys[i] != null) {
            if (keys[i].equals(k)) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    boolean isEmpty() {
        return keys.length == 0;
    }

    /** The value whose key equals {@code s[start, end)}, or {@code null}; counts probed slots in {@code cost}. */
    @SuppressWarnings("unchecked")
    V get(String s, int start, int end, MatchCost cost) {
        if (keys.length == 0) {
            return null;
        }
        int len = end - start;
        int i = slot(hash(s, start, end, ignoreCase), shift);
        while (true) {
            cost.probes++;
            String k = keys[i];
            if (k == null) {
                return null;
            }
            if (k.length() == len && k.regionMatches(ignoreCase, 0, s, start, len)) {
                return (V) values[i];
            }
            i = (i + 1) & mask;
        }
    }

    private static int hash(String s, int start, int end, boolean lowerAscii) {
        int h = 0;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (lowerAscii && c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            h = 31 * h + c;
        }
        return h;
    }

    /**
     * Fibonacci hashing: the top bits of {@code h * 2^32/phi}. Similar keys ({@code api1}, {@code api2}, ...) have
     * nearly consecutive hashes; masking their low bits would fill runs of adjacent slots, which linear probing then
     * has to walk. The multiplication scatters them evenly over the table.
     */
    private static int slot(int h, int shift) {
        return (h * 0x9E3779B9) >>> shift;
    }

    /** {@code 32 - log2(capacity)}; unused (and any value) for the empty table. */
    private static int shift(int capacity) {
        return capacity == 0 ? 0 : 32 - Integer.numberOfTrailingZeros(capacity);
    }
}
