package dev.turnpike.gateway.routing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The route a request matched in a {@link RouteTable}: its value, its template and the path parameters.
 *
 * <p>Parameters are kept as offsets into the request path and turned into a map only when
 * {@link #pathParams()} is first called, so matching itself allocates no map. Thread-safe: the lazily built map is
 * immutable, so a race builds it twice at worst.
 *
 * @param <T> the type of value stored in the table
 */
public final class RouteMatch<T> {
    private final Leaf<T> leaf;
    private final String path;
    private final int[] captures;
    private Map<String, String> params;

    RouteMatch(Leaf<T> leaf, String path, int[] captures) {
        this.leaf = leaf;
        this.path = path;
        this.captures = captures;
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
     * The {@code {name}} parameters of the template and the raw path segments they matched (not percent-decoded),
     * in template order; empty when the template has none. The rest matched by {@code /**} is not included.
     */
    public Map<String, String> pathParams() {
        Map<String, String> p = params;
        if (p == null) {
            List<String> names = leaf.paramNames();
            if (names.isEmpty()) {
                p = Map.of();
            } else {
                Map<String, String> m = new LinkedHashMap<>(names.size() * 2);
                for (int i = 0; i < names.size(); i++) {
                    m.put(names.get(i), path.substring(captures[2 * i], captures[2 * i + 1]));
                }
                p = Collections.unmodifiableMap(m);
            }
            params = p;
        }
        return p;
    }

    @Override
    public String toString() {
        return "RouteMatch[" + leaf.method() + " " + leaf.template() + ", params=" + pathParams() + "]";
    }
}
