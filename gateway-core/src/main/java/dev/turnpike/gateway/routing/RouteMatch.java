package dev.turnpike.gateway.routing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The route a request matched in a {@link RouteTable}: its value and its template, and the path parameters of any
 * path it matched.
 *
 * <p>One instance per route, made when the table is built, so that a lookup allocates nothing. The parameters are
 * not captured during the lookup: a {@code {param}} of the template is always the same segment of the path (the
 * trie's depth is the segment index), so {@link #pathParams(String)} reads them from the path when asked.
 * Thread-safe: immutable.
 *
 * @param <T> the type of value stored in the table
 */
public final class RouteMatch<T> {
    private final Leaf<T> leaf;
    /** For each {@code {param}} of the template, left to right: the index of its path segment. */
    private final int[] paramSegments;

    RouteMatch(Leaf<T> leaf) {
        this.leaf = leaf;
        List<String> names = leaf.paramNames();
        this.paramSegments = new int[names.size()];
        String template = leaf.template();
        int segment = 0;
        int param = 0;
        for (int pos = 1; pos <= template.length() && param < paramSegments.length; segment++) {
            int end = leaf.segmentEnd(pos);
            if (leaf.segment(pos, end) == Leaf.Segment.PARAM) {
                paramSegments[param++] = segment;
            }
            pos = end + 1;
        }
    }

    Leaf<T> leaf() {
        return leaf;
    }

    /** The value the matched route was added with. */
    public T value() {
        return leaf.value();
    }

    /** The path template of the matched route as added, e.g. {@code /products/v1/items/{id}}. */
    public String template() {
        return leaf.template();
    }

    /**
     * The {@code {name}} parameters of the template and the raw segments of {@code path} they matched (not
     * percent-decoded), in template order; empty when the template has none. The rest matched by {@code /**} is not
     * included. Builds a new immutable map on every call.
     *
     * @param path the path this route was matched with (the one given to {@link RouteTable#match})
     */
    public Map<String, String> pathParams(String path) {
        List<String> names = leaf.paramNames();
        if (names.isEmpty()) {
            return Map.of();
        }
        Map<String, String> m = new LinkedHashMap<>(names.size() * 2);
        int segment = 0;
        int param = 0;
        for (int pos = 1; pos <= path.length() && param < paramSegments.length; segment++) {
            int end = path.indexOf('/', pos);
            if (end < 0) {
                end = path.length();
            }
            if (paramSegments[param] == segment) {
                m.put(names.get(param++), path.substring(pos, end));
            }
            pos = end + 1;
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String toString() {
        return "RouteMatch[" + leaf.method() + " " + leaf.template() + "]";
    }
}
