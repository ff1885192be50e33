package dev.turnpike.gateway.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A trie position while routes are collected; {@link #freeze()} turns it into a {@link Node}. Maps and lists are
 * created when first needed: most positions have one child and no routes, and a snapshot has hundreds of
 * thousands of them. Not thread-safe: confined to the thread building a table.
 *
 * @param <T> the value type
 */
final class MutableNode<T> {
    private Map<String, MutableNode<T>> literals;
    private MutableNode<T> param;
    private List<Leaf<T>> here;
    private List<Leaf<T>> rest;

    /**
     * Adds {@code leaf} below this node, the root of its host; returns the route already added for the same method
     * and template shape (parameter names aside), in which case nothing was added, or {@code null}.
     */
    Leaf<T> insert(Leaf<T> leaf) {
        String template = leaf.template();
        MutableNode<T> node = this;
        int pos = 1;
        while (true) {
            int end = leaf.segmentEnd(pos);
            Leaf.Segment segment = leaf.segment(pos, end);
            if (segment == Leaf.Segment.REST) {
                return node.add(leaf, true);
            }
            node = segment == Leaf.Segment.PARAM ? node.param() : node.literal(template.substring(pos, end));
            if (end == template.length()) {
                return node.add(leaf, false);
            }
            pos = end + 1;
        }
    }

    private MutableNode<T> literal(String segment) {
        if (literals == null) {
            literals = new HashMap<>(4);
        }
        MutableNode<T> child = literals.get(segment);
        if (child == null) {
            child = new MutableNode<>();
            literals.put(segment, child);
        }
        return child;
    }

    private MutableNode<T> param() {
        if (param == null) {
            param = new MutableNode<>();
        }
        return param;
    }

    private Leaf<T> add(Leaf<T> leaf, boolean catchAll) {
        List<Leaf<T>> list = catchAll ? rest : here;
        if (list == null) {
            list = new ArrayList<>(2);
            if (catchAll) {
                rest = list;
            } else {
                here = list;
            }
        }
        for (Leaf<T> l : list) {
            if (l.method().equals(leaf.method())) {
                return l;
            }
        }
        list.add(leaf);
        return null;
    }

    Node<T> freeze() {
        LiteralTable<Node<T>> children = LiteralTable.empty();
        if (literals != null) {
            Map<String, Node<T>> frozen = new HashMap<>(literals.size() * 2);
            literals.forEach((k, v) -> frozen.put(k, v.freeze()));
            children = LiteralTable.of(frozen, false);
        }
        return new Node<>(
                children,
                param == null ? null : param.freeze(),
                here == null ? null : new MethodLeaves<>(here),
                rest == null ? null : new MethodLeaves<>(rest));
    }
}
