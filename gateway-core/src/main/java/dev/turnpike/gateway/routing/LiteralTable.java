package dev.turnpike.gateway.routing;

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
    private static final LiteralTable<?> EMPTY = new LiteralTable<>(new String[0], new Object[0], 0, false);
    /** Kept apart from {@link #EMPTY} so that {@link #with} on an empty host table still ignores case. */
    private static final LiteralTable<?> EMPTY_IGNORING_CASE =
            new LiteralTable<>(new String[0], new Object[0], 0, true);
    /** Below this capacity a table is never shrunk: it would save nothing. */
    private static final int MIN_SHRINK_CAPACITY = 64;

    private final String[] keys;
    private final Object[] values;
    private final int size;
    private final int mask;
    private final int shift;
    private final boolean ignoreCase;

    private LiteralTable(String[] keys, Object[] values, int size, boolean ignoreCase) {
        this.keys = keys;
        this.values = values;
        this.size = size;
        this.mask = keys.length - 1;
        this.shift = shift(keys.length);
        this.ignoreCase = ignoreCase;
    }

    /** A table of {@code entries}; with {@code ignoreCase} the keys are lower-cased and lookups ignore ASCII case. */
    static <V> LiteralTable<V> of(Map<String, V> entries, boolean ignoreCase) {
        if (entries.isEmpty()) {
            return empty(ignoreCase);
        }
        int capacity = capacityFor(entries.size());
        String[] keys = new String[capacity];
        Object[] values = new Object[capacity];
        for (Map.Entry<String, V> e : entries.entrySet()) {
            String key = normalize(e.getKey(), ignoreCase);
            if (!insert(keys, values, key, e.getValue())) {
                throw new IllegalArgumentException("key: \"" + key + "\" (expected: unique keys)");
            }
        }
        return new LiteralTable<>(keys, values, entries.size(), ignoreCase);
    }

    /** The table without entries. */
    static <V> LiteralTable<V> empty() {
        return empty(false);
    }

    @SuppressWarnings("unchecked")
    private static <V> LiteralTable<V> empty(boolean ignoreCase) {
        return (LiteralTable<V>) (ignoreCase ? EMPTY_IGNORING_CASE : EMPTY);
    }

    /**
     * A table with the entries of this one, changed by {@code changes}: a key mapped to {@code null} is removed
     * (nothing happens when it is not here), any other is put. This one is unchanged.
     *
     * <p>Costs one copy of the slot arrays plus probing for each change: a removal shifts the entries of its probe
     * cluster back (no tombstones, so {@link #get} still stops at the first empty slot). The table is rehashed only
     * when it would be more than half full (it doubles, so growth is amortized) or when it has shrunk below an eighth.
     */
    LiteralTable<V> with(Map<String, V> changes) {
        if (changes.isEmpty()) {
            return this;
        }
        int added = 0;
        for (Map.Entry<String, V> e : changes.entrySet()) {
            if (e.getValue() != null && slotOf(e.getKey()) < 0) {
                added++;
            }
        }
        int capacity = keys.length;
        if (size + added > capacity / 2) {
            capacity = capacityFor(size + added);
        }
        String[] nextKeys;
        Object[] nextValues;
        if (capacity == keys.length) {
            nextKeys = keys.clone();
            nextValues = values.clone();
        } else {
            nextKeys = new String[capacity];
            nextValues = new Object[capacity];
            rehash(nextKeys, nextValues);
        }
        int nextSize = size;
        for (Map.Entry<String, V> e : changes.entrySet()) {
            String key = normalize(e.getKey(), ignoreCase);
            if (e.getValue() == null) {
                nextSize -= remove(nextKeys, nextValues, key) ? 1 : 0;
            } else {
                nextSize += insert(nextKeys, nextValues, key, e.getValue()) ? 1 : 0;
            }
        }
        if (nextSize == 0) {
            return empty(ignoreCase);
        }
        LiteralTable<V> next = new LiteralTable<>(nextKeys, nextValues, nextSize, ignoreCase);
        return capacity >= MIN_SHRINK_CAPACITY && nextSize < capacity / 8 ? next.resized() : next;
    }

    /** This table's entries in a table of the capacity {@link #of} would give them. */
    private LiteralTable<V> resized() {
        int capacity = capacityFor(size);
        String[] k = new String[capacity];
        Object[] v = new Object[capacity];
        rehash(k, v);
        return new LiteralTable<>(k, v, size, ignoreCase);
    }

    /** Inserts every entry of this table into the empty arrays {@code k} and {@code v}. */
    private void rehash(String[] k, Object[] v) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                insert(k, v, keys[i], values[i]);
            }
        }
    }

    /**
     * Puts {@code key} (normalized) into the slot arrays, which have a free slot; returns whether the key is new
     * (else its value was replaced).
     */
    private static boolean insert(String[] keys, Object[] values, String key, Object value) {
        int mask = keys.length - 1;
        int i = home(key, shift(keys.length));
        while (keys[i] != null) {
            if (keys[i].equals(key)) {
                values[i] = value;
                return false;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        return true;
    }

    /**
     * Removes {@code key} (normalized) from the slot arrays by backward-shift deletion: every later entry of the
     * probe cluster whose home slot is not cyclically between the hole and itself moves into the hole, so the
     * cluster stays gap-free and every entry stays reachable from its home. Returns whether the key was there.
     */
    private static boolean remove(String[] keys, Object[] values, String key) {
        if (keys.length == 0) {
            return false;
        }
        int mask = keys.length - 1;
        int shift = shift(keys.length);
        int hole = home(key, shift);
        while (!key.equals(keys[hole])) {
            if (keys[hole] == null) {
                return false;
            }
            hole = (hole + 1) & mask;
        }
        for (int j = (hole + 1) & mask; keys[j] != null; j = (j + 1) & mask) {
            int h = home(keys[j], shift);
            boolean staysPut = hole <= j ? hole < h && h <= j : hole < h || h <= j;
            if (!staysPut) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        keys[hole] = null;
        values[hole] = null;
        return true;
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
        return size;
    }

    /** How many slots the table has; for tests of when it grows and shrinks. */
    int capacity() {
        return keys.length;
    }

    /** The slot where probing for {@code key} (normalized) starts in a table of {@code capacity}; for tests. */
    static int homeSlot(String key, int capacity) {
        return home(key, shift(capacity));
    }

    /** The slot holding {@code key}, or -1. */
    private int slotOf(String key) {
        if (keys.length == 0) {
            return -1;
        }
        String k = normalize(key, ignoreCase);
        int i = home(k, shift);
        while (keys[i] != null) {
            if (keys[i].equals(k)) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    /** Whether the table holds no entries. */
    boolean isEmpty() {
        return size == 0;
    }

    /**
     * The value whose key equals {@code s[start, end)}, or {@code null}; counts probed slots in {@code cost} unless
     * it is {@code null}.
     */
    @SuppressWarnings("unchecked")
    V get(String s, int start, int end, MatchCost cost) {
        if (keys.length == 0) {
            return null;
        }
        int len = end - start;
        int i = slot(hash(s, start, end, ignoreCase), shift);
        while (true) {
            if (cost != null) {
                cost.probes++;
            }
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

    private static String normalize(String key, boolean ignoreCase) {
        return ignoreCase ? key.toLowerCase(Locale.ROOT) : key;
    }

    /**
     * The home slot of a stored (normalized) key. {@link String#hashCode()} is the same function as {@link #hash}
     * without lower-casing, and the string caches it, so rehashing and shifting entries do not walk their chars.
     */
    private static int home(String key, int shift) {
        return slot(key.hashCode(), shift);
    }

    /** The capacity for {@code size} entries: a power of two at least twice as large. */
    private static int capacityFor(int size) {
        return Integer.highestOneBit(Math.max(2, size * 2 - 1)) << 1;
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
