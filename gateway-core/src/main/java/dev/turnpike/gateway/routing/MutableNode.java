package dev.turnpike.gateway.routing;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trie position while a {@link RouteTable.Builder} collects routes; {@link #freeze()} turns it into a
 * {@link Node}. Not thread-safe: confined to the builder.
 *
 * @param <T> the value type
 */
final class MutableNode<T> {
    private final int paramOrdinal;
    private final Map<String, MutableNode<T>> literals = new HashMap<>();
    private MutableNode<T> param;
    private final Map<String, Leaf<T>> here = new LinkedHashMap<>();
    private final Map<String, Leaf<T>> rest = new LinkedHashMap<>();

    MutableNode(int paramOrdinal) {
        this.paramOrdinal = paramOrdinal;
    }

    MutableNode<T> literal(String segment) {
        return literals.computeIfAbsent(segment, s -> new MutableNode<>(-1));
    }

    MutableNode<T> param(int ordinal) {
        if (param == null) {
            param = new MutableNode<>(ordinal);
        }
        return param;
    }

    /** Adds a route ending here ({@code catchAll}: ending in {@code /**} here); returns the clashing one or null. */
    Leaf<T> add(Leaf<T> leaf, boolean catchAll) {
        return (catchAll ? rest : here).putIfAbsent(leaf.method(), leaf);
    }

    Node<T> freeze() {
        Map<String, Node<T>> frozen = new HashMap<>(literals.size() * 2);
        literals.forEach((k, v) -> frozen.put(k, v.freeze()));
        return new Node<>(
                LiteralTable.of(frozen, false),
                param == null ? null : param.freeze(),
                paramOrdinal,
                here.isEmpty() ? null : new MethodLeaves<>(here.values()),
                rest.isEmpty() ? null : new MethodLeaves<>(rest.values()));
    }
}
