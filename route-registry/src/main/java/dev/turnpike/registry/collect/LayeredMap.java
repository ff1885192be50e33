package dev.turnpike.registry.collect;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * An immutable map that can be changed a few entries at a time without copying all of it: a frozen base map shared
 * by every version made from it, plus a small layer of changes (puts, and markers for keys removed from the
 * base). A change copies only the layer; once the layer grows past about {@code 2 * sqrt(size)} entries (at least
 * 64) it is folded into a new base. So a change to a map of {@code n} entries costs {@code O(sqrt(n))} amortized
 * (layer copy on each change plus a full copy every {@code sqrt(n)} or so changes), instead of the {@code O(n)} of
 * copying a {@link HashMap}; lookups cost at most two hash lookups.
 *
 * <p>Iteration order is unspecified. Keys and values are not null. Thread-safe: immutable; the maps it holds are
 * never changed after construction.
 *
 * <pre>{@code
 * LayeredMap<String, Integer> a = LayeredMap.of(Map.of("x", 1, "y", 2));
 * LayeredMap.Editor<String, Integer> e = a.edit();
 * e.remove("x");
 * e.put("z", 3);
 * LayeredMap<String, Integer> b = e.build();   // {y=2, z=3}; a is unchanged
 * }</pre>
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class LayeredMap<K, V> {
    /** In the layer: the key is in the base but not in this map. */
    private static final Object REMOVED = new Object();
    private static final int MIN_LAYER = 64;

    private final Map<K, V> base;
    private final Map<K, Object> layer;
    private final int size;

    private LayeredMap(Map<K, V> base, Map<K, Object> layer, int size) {
        this.base = base;
        this.layer = layer;
        this.size = size;
    }

    /** A map of {@code entries}, copied. */
    public static <K, V> LayeredMap<K, V> of(Map<K, V> entries) {
        return new LayeredMap<>(new HashMap<>(entries), Map.of(), entries.size());
    }

    /** The value for {@code key}, or {@code null}. */
    public V get(K key) {
        return lookup(base, layer, key);
    }

    /** {@code key} in {@code layer}, else in {@code base}. */
    @SuppressWarnings("unchecked")
    private static <K, V> V lookup(Map<K, V> base, Map<K, Object> layer, K key) {
        Object v = layer.get(key);
        if (v == null) {
            return base.get(key);
        }
        return v == REMOVED ? null : (V) v;
    }

    /** How many entries the map holds. */
    public int size() {
        return size;
    }

    /** Calls {@code action} with every entry, in no particular order. */
    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<K, V> action) {
        base.forEach((k, v) -> {
            if (!layer.containsKey(k)) {
                action.accept(k, v);
            }
        });
        layer.forEach((k, v) -> {
            if (v != REMOVED) {
                action.accept(k, (V) v);
            }
        });
    }

    /** How many entries the layer holds; for tests of when it is folded. */
    int layerSize() {
        return layer.size();
    }

    /** An editor starting from this map's entries; this map is not changed by it. */
    public Editor<K, V> edit() {
        return new Editor<>(this);
    }

    /**
     * Collects changes to a {@link LayeredMap}; {@link #build()} makes the changed map. Not thread-safe, and
     * meant to be used once.
     *
     * @param <K> the key type
     * @param <V> the value type
     */
    public static final class Editor<K, V> {
        private final Map<K, V> base;
        private final Map<K, Object> layer;
        private int size;

        private Editor(LayeredMap<K, V> from) {
            this.base = from.base;
            this.layer = new HashMap<>(from.layer);
            this.size = from.size;
        }

        /** The value for {@code key} with the changes so far, or {@code null}. */
        public V get(K key) {
            return lookup(base, layer, key);
        }

        /** Maps {@code key} to {@code value}; returns the value it replaced, or {@code null}. */
        public V put(K key, V value) {
            Objects.requireNonNull(value, "value");
            V old = get(key);
            layer.put(key, value);
            if (old == null) {
                size++;
            }
            return old;
        }

        /** Removes {@code key}; returns its value, or {@code null} when it was not there. */
        public V remove(K key) {
            V old = get(key);
            if (old != null) {
                if (base.containsKey(key)) {
                    layer.put(key, REMOVED);
                } else {
                    layer.remove(key);
                }
                size--;
            }
            return old;
        }

        /** The map with the changes, its layer folded into a new base when it has grown too large. */
        @SuppressWarnings("unchecked")
        public LayeredMap<K, V> build() {
            int bound = Math.max(MIN_LAYER, 2 * (int) Math.sqrt(size));
            if (layer.size() <= bound) {
                return new LayeredMap<>(base, layer, size);
            }
            Map<K, V> folded = new HashMap<>(base);
            layer.forEach((k, v) -> {
                if (v == REMOVED) {
                    folded.remove(k);
                } else {
                    folded.put(k, (V) v);
                }
            });
            return new LayeredMap<>(folded, Map.of(), size);
        }
    }
}
