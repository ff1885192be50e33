package dev.turnpike.gateway.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The routes that end at one trie position, by method: exact methods first, then the any-method ({@code *}) route.
 * A handful of entries at most, so a linear scan beats hashing. Thread-safe: immutable.
 *
 * @param <T> the value type
 */
final class MethodLeaves<T> {
    private final String[] methods;
    private final Leaf<T>[] leaves;
    private final Leaf<T> any;

    @SuppressWarnings("unchecked")
    MethodLeaves(Collection<Leaf<T>> all) {
        int exact = 0;
        for (Leaf<T> l : all) {
            if (!l.method().equals(RouteTable.ANY_METHOD)) {
                exact++;
            }
        }
        methods = new String[exact];
        leaves = new Leaf[exact];
        Leaf<T> anyLeaf = null;
        int i = 0;
        for (Leaf<T> l : all) {
            if (l.method().equals(RouteTable.ANY_METHOD)) {
                anyLeaf = l;
            } else {
                methods[i] = l.method();
                leaves[i++] = l;
            }
        }
        any = anyLeaf;
    }

    /** The route for {@code method}: the exact one, else the any-method one, else {@code null}. */
    Leaf<T> find(String method) {
        for (int i = 0; i < methods.length; i++) {
            if (methods[i].equals(method)) {
                return leaves[i];
            }
        }
        return any;
    }

    /** Every route here: the exact methods' in order, then the any-method one. */
    List<Leaf<T>> all() {
        List<Leaf<T>> all = new ArrayList<>(leaves.length + 1);
        all.addAll(Arrays.asList(leaves));
        if (any != null) {
            all.add(any);
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
