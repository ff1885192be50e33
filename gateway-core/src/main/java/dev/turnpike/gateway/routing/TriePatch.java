package dev.turnpike.gateway.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Removes and adds leaves in a frozen trie by path copying: only the nodes on the paths to the changed leaves are
 * made anew (each with a copy of its literal child table, see {@link LiteralTable#with}); every other subtree is
 * shared with the trie patched. So the cost of a change is its own routes plus the child tables along their paths,
 * however many routes share a path prefix ({@code /api/...} under one first segment included). Nodes left without
 * routes below them are dropped, so the result is the trie a build from scratch makes of the same leaves.
 *
 * <p>Stateless; the tries it is given are not changed.
 */
final class TriePatch {
    private TriePatch() {
    }

    /**
     * One leaf to remove or add, below a node: {@code pos} is where the leaf's next segment starts in its template
     * (past the end: the leaf ends at that node).
     */
    private record Op<T>(Leaf<T> leaf, boolean add, int pos) {
        Op<T> next(int pos) {
            return new Op<>(leaf, add, pos);
        }
    }

    /**
     * {@code root} (a host's root, or {@code null} for a host without routes) with {@code removed} taken out and
     * {@code added} put in; {@code null} when no route is left.
     *
     * @throws IllegalArgumentException when an added leaf clashes with one already there (same method and shape),
     *                                  or a removed leaf is not there
     */
    static <T> Node<T> apply(Node<T> root, List<Leaf<T>> removed, List<Leaf<T>> added) {
        List<Op<T>> ops = new ArrayList<>(removed.size() + added.size());
        removed.forEach(l -> ops.add(new Op<>(l, false, 1)));
        added.forEach(l -> ops.add(new Op<>(l, true, 1)));
        return patch(root, ops);
    }

    private static <T> Node<T> patch(Node<T> node, List<Op<T>> ops) {
        Map<String, List<Op<T>>> literalOps = new HashMap<>();
        List<Op<T>> paramOps = new ArrayList<>();
        List<Op<T>> hereOps = new ArrayList<>();
        List<Op<T>> restOps = new ArrayList<>();
        for (Op<T> op : ops) {
            Leaf<T> leaf = op.leaf();
            if (op.pos() > leaf.template().length()) {
                hereOps.add(op);
                continue;
            }
            int end = leaf.segmentEnd(op.pos());
            switch (leaf.segment(op.pos(), end)) {
                case REST -> restOps.add(op);
                case PARAM -> paramOps.add(op.next(end + 1));
                default -> literalOps.computeIfAbsent(leaf.template().substring(op.pos(), end),
                        s -> new ArrayList<>()).add(op.next(end + 1));
            }
        }
        LiteralTable<Node<T>> literals = node == null ? LiteralTable.empty() : node.literals();
        if (!literalOps.isEmpty()) {
            Map<String, Node<T>> changes = new HashMap<>();
            for (Map.Entry<String, List<Op<T>>> e : literalOps.entrySet()) {
                Node<T> old = literals.get(e.getKey());
                Node<T> patched = patch(old, e.getValue());
                if (patched != null || old != null) {
                    changes.put(e.getKey(), patched); // null removes the child
                }
            }
            literals = literals.with(changes);
        }
        Node<T> param = node == null ? null : node.param();
        if (!paramOps.isEmpty()) {
            param = patch(param, paramOps);
        }
        MethodLeaves<T> here = leaves(node == null ? null : node.here(), hereOps);
        MethodLeaves<T> rest = leaves(node == null ? null : node.rest(), restOps);
        if (literals.isEmpty() && param == null && here == null && rest == null) {
            return null;
        }
        return new Node<>(literals, param, here, rest);
    }

    /** {@code leaves} with the removals, then the additions of {@code ops}; {@code null} when none is left. */
    private static <T> MethodLeaves<T> leaves(MethodLeaves<T> leaves, List<Op<T>> ops) {
        if (ops.isEmpty()) {
            return leaves;
        }
        List<Leaf<T>> all = leaves == null ? new ArrayList<>(ops.size()) : new ArrayList<>(leaves.all());
        for (Op<T> op : ops) {
            if (!op.add() && !all.removeIf(l -> l == op.leaf())) {
                throw new IllegalArgumentException("pathTemplate: \"" + op.leaf().template()
                        + "\" (expected: a route of the table, to remove)");
            }
        }
        for (Op<T> op : ops) {
            if (op.add()) {
                for (Leaf<T> l : all) {
                    if (l.method().equals(op.leaf().method())) {
                        throw RouteTable.clash(op.leaf(), l);
                    }
                }
                all.add(op.leaf());
            }
        }
        return all.isEmpty() ? null : new MethodLeaves<>(all);
    }
}
