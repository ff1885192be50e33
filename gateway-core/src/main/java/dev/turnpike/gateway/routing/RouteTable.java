package dev.turnpike.gateway.routing;

import dev.turnpike.registry.model.Route;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The data-plane route matcher: finds the route for a host, method and path in a trie over path segments, so the
 * cost of a lookup depends on the path, not on how many routes the table holds.
 *
 * <p>Templates use the {@link Route} syntax: literal segments, {@code {name}} for exactly one non-empty segment,
 * and an optional final {@code /**} for any rest of the path, including nothing.
 *
 * <p><b>Precedence</b>, when several routes match:
 * <ol>
 *   <li>Routes added for the request's host beat any-host routes; when no route of that host matches the path
 *       and method, the any-host routes are tried. Hosts compare case-insensitively, a port is ignored.</li>
 *   <li>Most specific wins, segment by segment from the left: a literal segment beats {@code {param}}, which
 *       beats {@code /**}. When the more specific branch has no route deeper down, the next one is tried:
 *       {@code /a/b/c} matches {@code /a/{p}/c} even though {@code /a/b/x} exists.</li>
 *   <li>A route ending exactly at the path beats a {@code /**} starting at the same place: {@code /a} beats
 *       {@code /a/**} for the path {@code /a}.</li>
 *   <li>Where a template matches, an exact method beats {@code *}; a template that matches without a route for
 *       the method does not stop the search, the next less specific template is tried.</li>
 * </ol>
 * A trailing slash is significant ({@code /a} and {@code /a/} are different routes) except through {@code /**},
 * which matches {@code /a}, {@code /a/} and everything below.
 *
 * <pre>{@code
 * RouteTable<String> table = RouteTable.<String>builder()
 *         .add(Optional.empty(), "GET", "/products/v1/items/{id}", "item")
 *         .add(Optional.empty(), "*", "/products/v1/**", "products")
 *         .build();
 * RouteMatch<String> m = table.match("api.example.com:8080", "GET", "/products/v1/items/42");
 * m.value();        // "item"
 * m.pathParams("/products/v1/items/42");   // {id=42}
 * }</pre>
 *
 * <p>Thread-safe: immutable once built. Lookups take no lock, create no maps or substrings, and allocate only the
 * returned {@link RouteMatch} and its parameter offsets.
 *
 * @param <T> the value a route maps to
 */
public final class RouteTable<T> {
    /** The method of a route that accepts every method. */
    public static final String ANY_METHOD = Route.ANY_METHOD;
    /** The host key of routes that answer on any host. */
    static final String ANY_HOST = "*";

    private final LiteralTable<Node<T>> hosts;
    private final Node<T> anyHost;
    private final int size;

    private RouteTable(LiteralTable<Node<T>> hosts, Node<T> anyHost, int size) {
        this.hosts = hosts;
        this.anyHost = anyHost;
        this.size = size;
    }

    /** A builder for a new, empty table. */
    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /**
     * The most specific route for a request (see the class comment), or {@code null} when none matches.
     *
     * @param host   the request's Host, possibly with a port ({@code api.example.com:8080}), or {@code null}
     * @param method the request method, compared case-sensitively (HTTP methods are)
     * @param path   the raw path without the query, dot-segments already resolved; must start with {@code /}
     */
    public RouteMatch<T> match(String host, String method, String path) {
        return find(host, method, path, null);
    }

    /** The work {@link #match} does for these arguments; for tests that prove lookups do not grow with the table. */
    MatchCost matchCost(String host, String method, String path) {
        MatchCost cost = new MatchCost();
        find(host, method, path, cost);
        return cost;
    }

    private RouteMatch<T> find(String host, String method, String path, MatchCost cost) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return null;
        }
        Node<T> hostRoot = hostRoot(host, cost);
        if (hostRoot != null) {
            RouteMatch<T> match = RouteMatcher.search(hostRoot, path, 1, method, cost);
            if (match != null) {
                return match;
            }
        }
        return anyHost == null ? null : RouteMatcher.search(anyHost, path, 1, method, cost);
    }

    /**
     * The methods of the routes whose templates match the path, for an {@code Allow} header when {@link #match}
     * found nothing for the request's method; empty if no template matches. Contains {@code *} when an any-method
     * route matches. Cold path: it walks every matching branch and allocates.
     *
     * @param host the request's Host, possibly with a port, or {@code null}
     * @param path the raw path without the query
     * @return an immutable, sorted set
     */
    public Set<String> allowedMethods(String host, String path) {
        Set<String> out = new TreeSet<>();
        if (!path.isEmpty() && path.charAt(0) == '/') {
            Node<T> hostRoot = hostRoot(host, null);
            if (hostRoot != null) {
                RouteMatcher.collectMethods(hostRoot, path, 1, out);
            }
            if (anyHost != null) {
                RouteMatcher.collectMethods(anyHost, path, 1, out);
            }
        }
        return Collections.unmodifiableSet(out);
    }

    /** How many routes the table holds. */
    public int size() {
        return size;
    }

    private Node<T> hostRoot(String host, MatchCost cost) {
        if (host == null || hosts.isEmpty()) {
            return null;
        }
        int end;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            end = close < 0 ? host.length() : close + 1;
        } else {
            int colon = host.indexOf(':');
            end = colon >= 0 && host.indexOf(':', colon + 1) < 0 ? colon : host.length();
        }
        return hosts.get(host, 0, end, cost);
    }

    /** The root of {@code hostKey}'s trie ({@code *}: the any-host one), or {@code null} when it has no routes. */
    Node<T> root(String hostKey) {
        return hostKey.equals(ANY_HOST) ? anyHost : hosts.get(hostKey);
    }

    /** A table of the frozen host roots {@code roots} (by {@link #hostKey}) holding {@code size} routes. */
    static <T> RouteTable<T> of(Map<String, Node<T>> roots, int size) {
        Map<String, Node<T>> hostRoots = new HashMap<>();
        Node<T> any = null;
        for (Map.Entry<String, Node<T>> e : roots.entrySet()) {
            if (e.getKey().equals(ANY_HOST)) {
                any = e.getValue();
            } else {
                hostRoots.put(e.getKey(), e.getValue());
            }
        }
        return new RouteTable<>(LiteralTable.of(hostRoots, true), any, size);
    }

    /**
     * A table equal to this one but for the host roots in {@code changed} (by {@link #hostKey}; a {@code null}
     * root removes the host), holding {@code size} routes. Every other host's trie is shared, not copied.
     */
    RouteTable<T> withRoots(Map<String, Node<T>> changed, int size) {
        Node<T> any = anyHost;
        Map<String, Node<T>> hostChanges = new HashMap<>();
        for (Map.Entry<String, Node<T>> e : changed.entrySet()) {
            if (e.getKey().equals(ANY_HOST)) {
                any = e.getValue();
            } else {
                hostChanges.put(e.getKey(), e.getValue());
            }
        }
        return new RouteTable<>(hosts.with(hostChanges), any, size);
    }

    /**
     * The key a route's host is stored under: lower-cased, without port, a bare IPv6 address in brackets; {@code *}
     * for any host.
     *
     * @throws IllegalArgumentException for something that is not a host name
     */
    static String hostKey(Optional<String> host) {
        if (host.isEmpty()) {
            return ANY_HOST;
        }
        String h = host.get().trim().toLowerCase(Locale.ROOT);
        if (h.isEmpty() || h.equals(ANY_HOST) || h.chars().anyMatch(c -> c == '/' || c == ' ')
                || (h.startsWith("[") && !h.endsWith("]"))) {
            throw new IllegalArgumentException("host: \"" + host.get() + "\" (expected: a host name without port)");
        }
        if (h.indexOf(':') >= 0 && !h.startsWith("[")) {
            if (h.indexOf(':') == h.lastIndexOf(':')) {
                throw new IllegalArgumentException("host: \"" + host.get() + "\" (expected: a host name without port)");
            }
            h = "[" + h + "]";
        }
        return h;
    }

    /** The error for adding {@code leaf} where {@code clash} is already. */
    static IllegalArgumentException clash(Leaf<?> leaf, Leaf<?> clash) {
        String where = leaf.host().equals(ANY_HOST) ? "any host" : "host " + leaf.host();
        return new IllegalArgumentException("pathTemplate: \"" + leaf.template() + "\" (expected: a template not"
                + " yet added for " + leaf.method() + " on " + where + "; \"" + clash.template() + "\" has it)");
    }

    /**
     * Collects routes for a {@link RouteTable}. Not thread-safe; {@link #build()} may be called more than once.
     *
     * @param <T> the value a route maps to
     */
    public static final class Builder<T> {
        private final Map<String, MutableNode<T>> roots = new HashMap<>();
        private int size;

        private Builder() {
        }

        /**
         * Adds a route.
         *
         * @param host         the host it answers on (lower-cased here, no port; a bare IPv6 address gets brackets),
         *                     empty for any host
         * @param method       an upper-case method, or {@code *} for any
         * @param pathTemplate a full path template such as {@code /products/v1/items/{id}}, {@code /products/v1/**}
         *                     or {@code /}
         * @param value        what a match returns, not null
         * @return this builder
         * @throws IllegalArgumentException for an invalid argument, or when a route with the same host and method
         *                                  and a template that differs at most in parameter names was added before
         */
        public Builder<T> add(Optional<String> host, String method, String pathTemplate, T value) {
            Objects.requireNonNull(host, "host");
            Leaf<T> leaf = Leaf.of(hostKey(host), method, pathTemplate, value);
            Leaf<T> clash = roots.computeIfAbsent(leaf.host(), h -> new MutableNode<>()).insert(leaf);
            if (clash != null) {
                throw clash(leaf, clash);
            }
            size++;
            return this;
        }

        /** An immutable table of the routes added so far. */
        public RouteTable<T> build() {
            Map<String, Node<T>> frozen = new HashMap<>();
            roots.forEach((host, root) -> frozen.put(host, root.freeze()));
            return of(frozen, size);
        }
    }
}
