package dev.turnpike.gateway.routing;

import java.util.Set;

/**
 * One walk of a request path through a frozen trie: depth-first, most specific child first (literal, then
 * {@code {param}}, then {@code /**}), backing up when a branch has no route for the method deeper down.
 *
 * <p>A path is split at {@code /} without allocating: {@code pos} is the index where the next segment starts, and
 * {@code pos > path.length()} means the path is used up. {@code "/"} is one empty segment, {@code "/a/"} is
 * {@code "a"} then an empty segment. The trie depth bounds the recursion, and each level tries at most three
 * children, so the work depends on the path and the shape of the templates, never on how many routes there are.
 *
 * <p>Not thread-safe: one instance per lookup.
 *
 * @param <T> the value type
 */
final class RouteMatcher<T> {
    private static final int[] NO_CAPTURES = new int[0];

    private final String path;
    private final String method;
    private final int length;
    private final int[] captures;
    final MatchCost cost = new MatchCost();

    RouteMatcher(String path, String method, int maxParams) {
        this.path = path;
        this.method = method;
        this.length = path.length();
        this.captures = maxParams == 0 ? NO_CAPTURES : new int[maxParams * 2];
    }

    /** The route for the path (from segment start {@code pos}) below {@code node}, or {@code null}. */
    Leaf<T> search(Node<T> node, int pos) {
        cost.nodes++;
        if (pos > length) {
            Leaf<T> leaf = node.here() == null ? null : node.here().find(method);
            return leaf != null ? leaf : restOf(node);
        }
        int end = path.indexOf('/', pos);
        if (end < 0) {
            end = length;
        }
        int next = end + 1;
        Node<T> literal = node.literals().get(path, pos, end, cost);
        if (literal != null) {
            Leaf<T> leaf = search(literal, next);
            if (leaf != null) {
                return leaf;
            }
        }
        Node<T> param = node.param();
        if (param != null && end > pos) {
            captures[param.paramOrdinal() * 2] = pos;
            captures[param.paramOrdinal() * 2 + 1] = end;
            Leaf<T> leaf = search(param, next);
            if (leaf != null) {
                return leaf;
            }
        }
        return restOf(node);
    }

    private Leaf<T> restOf(Node<T> node) {
        if (node.rest() == null) {
            return null;
        }
        cost.nodes++;
        return node.rest().find(method);
    }

    /** Adds the methods of every route whose template matches the path below {@code node} to {@code out}. */
    void collectMethods(Node<T> node, int pos, Set<String> out) {
        if (node.rest() != null) {
            node.rest().addMethodsTo(out);
        }
        if (pos > length) {
            if (node.here() != null) {
                node.here().addMethodsTo(out);
            }
            return;
        }
        int end = path.indexOf('/', pos);
        if (end < 0) {
            end = length;
        }
        Node<T> literal = node.literals().get(path, pos, end, cost);
        if (literal != null) {
            collectMethods(literal, end + 1, out);
        }
        if (node.param() != null && end > pos) {
            collectMethods(node.param(), end + 1, out);
        }
    }

    RouteMatch<T> toMatch(Leaf<T> leaf) {
        return new RouteMatch<>(leaf, path, captures);
    }
}
