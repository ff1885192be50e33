package dev.turnpike.gateway.routing;

import java.util.Set;

/**
 * Walks of a request path through a frozen trie: depth-first, most specific child first (literal, then
 * {@code {param}}, then {@code /**}), backing up when a branch has no route for the method deeper down.
 *
 * <p>A path is split at {@code /} without allocating: {@code pos} is the index where the next segment starts, and
 * {@code pos > path.length()} means the path is used up. {@code "/"} is one empty segment, {@code "/a/"} is
 * {@code "a"} then an empty segment. The trie depth bounds the recursion, and each level tries at most three
 * children, so the work depends on the path and the shape of the templates, never on how many routes there are.
 * A lookup allocates nothing: the walk keeps its state in arguments, and what it returns is the route's own
 * {@link RouteMatch}.
 */
final class RouteMatcher {
    private RouteMatcher() {
    }

    /**
     * The route for {@code path} (from segment start {@code pos}) below {@code node}, or {@code null}.
     *
     * @param cost where to count the work, or {@code null} to count nothing (the data path)
     */
    static <T> RouteMatch<T> search(Node<T> node, String path, int pos, String method, MatchCost cost) {
        if (cost != null) {
            cost.nodes++;
        }
        int length = path.length();
        if (pos > length) {
            RouteMatch<T> here = node.here() == null ? null : node.here().find(method);
            return here != null ? here : restOf(node, method, cost);
        }
        int end = path.indexOf('/', pos);
        if (end < 0) {
            end = length;
        }
        int next = end + 1;
        Node<T> literal = node.literals().get(path, pos, end, cost);
        if (literal != null) {
            RouteMatch<T> match = search(literal, path, next, method, cost);
            if (match != null) {
                return match;
            }
        }
        Node<T> param = node.param();
        if (param != null && end > pos) {
            RouteMatch<T> match = search(param, path, next, method, cost);
            if (match != null) {
                return match;
            }
        }
        return restOf(node, method, cost);
    }

    private static <T> RouteMatch<T> restOf(Node<T> node, String method, MatchCost cost) {
        if (node.rest() == null) {
            return null;
        }
        if (cost != null) {
            cost.nodes++;
        }
        return node.rest().find(method);
    }

    /** Adds the methods of every route whose template matches the path below {@code node} to {@code out}. */
    static <T> void collectMethods(Node<T> node, String path, int pos, Set<String> out) {
        if (node.rest() != null) {
            node.rest().addMethodsTo(out);
        }
        if (pos > path.length()) {
            if (node.here() != null) {
                node.here().addMethodsTo(out);
            }
            return;
        }
        int end = path.indexOf('/', pos);
        if (end < 0) {
            end = path.length();
        }
        Node<T> literal = node.literals().get(path, pos, end, null);
        if (literal != null) {
            collectMethods(literal, path, end + 1, out);
        }
        if (node.param() != null && end > pos) {
            collectMethods(node.param(), path, end + 1, out);
        }
    }
}
