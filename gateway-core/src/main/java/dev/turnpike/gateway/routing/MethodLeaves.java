package dev.turnpike.gateway.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The routes that end at one trie position, by method: exact methods first, then the any-method ({@code *}) route.
 * A handful of entries at most, so a linear scan beats hashing. Each route is kept as the {@link RouteMatch} a
 * lookup returns, made once here. Thread-safe: immutable.
 *
 * @param <T> the value type
 */
final class MethodLeaves<T> {
    private final String[] methods;
    private final RouteMatch<T>[] matches;
    private final RouteMatch<T> any;

    @SuppressWarnings("unchecked")
    MethodLeaves(Collection<Leaf<T>> all) {
        int exact = 0;
        for (Leaf<T> l : all) {
            if (!l.method().equals(RouteTable.ANY_METHOD)) {
                exact++;
            }
        }
        methods = new String[exact];
        matches = new RouteMatch[exact];
        RouteMatch<T> anyMatch = null;
        int i = 0;
        for (Leaf<T> l : all) {
            if (l.method().equals(RouteTable.ANY_METHOD)) {
                anyMatch = new RouteMatch<>(l);
            } else {
                methods[i] = l.method();
                matches[i++] = new RouteMatch<>(l);
            }
        }
        any = anyMatch;
    }

    /** The route for {@code method}: the exact one, else the any-method one, else {@code null}. */
    RouteMatch<T> find(String method) {
        for (int i = 0; i < methods.length; i++) {
            if (methods[i].equals(method)) {
                return matches[i];
            }
        }
        return any;
    }

    /** Every route here: the exact methods' in order, then the any-method one. */
    List<Leaf<T>> all() {
        List<Leaf<T>> all = new ArrayList<>(matches.length + 1);
        for (RouteMatch<T> m : matches) {
            all.add(m.leaf());
        }
        if (any != null) {
            all.add(any.leaf());
        }
        return all;
    }

    void addMethodsTo(Set<String> out) {
        for (String m : methods) {
            out.add(m);
        }
        if (any != null) {
            out.add(RouteTable.ANY_METHOD);
        }
    }
}
