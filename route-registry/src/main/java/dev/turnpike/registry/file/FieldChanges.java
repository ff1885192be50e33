package dev.turnpike.registry.file;

import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.store.CatalogChange;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The fields an update changes, compared in the catalog file's representation of the entity: what {@code turnpike
 * diff} prints as {@code ~ api orders: policies.timeout 2s -> 3s}. Lists are compared item by item; a long text
 * (an OpenAPI document) is reported as changed with its sizes rather than printed.
 *
 * <pre>{@code
 * List<FieldChanges.Field> fields = FieldChanges.of(current, new CatalogChange.PutApi(changedApi));
 * }</pre>
 */
public final class FieldChanges {
    /** Texts longer than this are summarised by their length. */
    static final int MAX_SHOWN = 80;

    private FieldChanges() {
    }

    /**
     * One changed field.
     *
     * @param path   dotted catalog-file path relative to the entity ({@code policies.timeout}, {@code targets[1]})
     * @param before the old value as text, or {@code null} when the field was absent
     * @param after  the new value as text, or {@code null} when the field is removed
     */
    public record Field(String path, String before, String after) {
        public Field {
            Objects.requireNonNull(path, "path");
        }

        /** {@code path before -> after}, with {@code (none)} for an absent side. */
        @Override
        public String toString() {
            return path + ": " + (before == null ? "(none)" : before) + " -> " + (after == null ? "(none)" : after);
        }
    }

    /**
     * The fields {@code change} changes in {@code current}: empty for a delete, for the creation of an entity
     * {@code current} lacks, and for a put equal to what is there.
     */
    public static List<Field> of(Catalog current, CatalogChange change) {
        Object before;
        Object after;
        if (change instanceof CatalogChange.PutTeam put && current.team(put.team().id()) != null) {
            before = CatalogEntities.write(current.team(put.team().id()));
            after = CatalogEntities.write(put.team());
        } else if (change instanceof CatalogChange.PutApi put && current.api(put.api().id()) != null) {
            before = CatalogEntities.write(current.api(put.api().id()));
            after = CatalogEntities.write(put.api());
        } else if (change instanceof CatalogChange.PutPool put && current.pool(put.pool().id()) != null) {
            before = CatalogEntities.write(current.pool(put.pool().id()));
            after = CatalogEntities.write(put.pool());
        } else if (change instanceof CatalogChange.PutConsumer put && current.consumer(put.consumer().id()) != null) {
            // Subscriptions are entities of their own in a diff: compare the consumer's own fields only.
            before = CatalogEntities.write(current.consumer(put.consumer().id()), List.of());
            after = CatalogEntities.write(put.consumer(), List.of());
        } else if (change instanceof CatalogChange.PutSubscription put
                && current.subscription(put.subscription().consumer(), put.subscription().api()) != null) {
            before = CatalogEntities.write(current.subscription(put.subscription().consumer(),
                    put.subscription().api()));
            after = CatalogEntities.write(put.subscription());
        } else if (change instanceof CatalogChange.PutComposite put
                && current.composite(put.composite().id()) != null) {
            before = CatalogEntities.write(current.composite(put.composite().id()));
            after = CatalogEntities.write(put.composite());
        } else {
            return List.of();
        }
        List<Field> fields = new ArrayList<>();
        compare("", before, after, fields);
        return List.copyOf(fields);
    }

    private static void compare(String path, Object before, Object after, List<Field> out) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (before instanceof Map<?, ?> b && after instanceof Map<?, ?> a) {
            Set<Object> keys = new LinkedHashSet<>(b.keySet());
            keys.addAll(a.keySet());
            for (Object key : keys) {
                compare(path.isEmpty() ? String.valueOf(key) : path + "." + key, b.get(key), a.get(key), out);
            }
        } else if (before instanceof List<?> b && after instanceof List<?> a && b.size() == a.size()) {
            for (int i = 0; i < b.size(); i++) {
                compare(path + "[" + i + "]", b.get(i), a.get(i), out);
            }
        } else {
            out.add(new Field(path.isEmpty() ? "(entity)" : path, text(before), text(after)));
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String s = value instanceof String str ? str : flow(value);
        if (s.length() > MAX_SHOWN) {
            return "(" + s.length() + " characters)";
        }
        return s;
    }

    /** A map or list on one line, in the catalog file's flow style. */
    private static String flow(Object value) {
        if (value instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            m.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append(": ").append(flow(v)));
            return sb.append('}').toString();
        }
        if (value instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            l.forEach(v -> sb.append(sb.length() > 1 ? ", " : "").append(flow(v)));
            return sb.append(']').toString();
        }
        return String.valueOf(value);
    }
}
