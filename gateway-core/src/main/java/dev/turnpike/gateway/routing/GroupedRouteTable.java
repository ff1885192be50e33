package dev.turnpike.gateway.routing;

import dev.turnpike.registry.collect.LayeredMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link RouteTable} whose routes come in named groups (the gateway: one group per API) and that can be updated
 * group by group, sharing with the table it came from every part of the trie the change does not touch.
 *
 * <p>An update takes the leaves of the groups that leave or change out of the trie and puts the new ones in by path
 * copying ({@link TriePatch}): only the nodes on the paths to those leaves are made anew, each with a copy of its
 * literal child table, and every other subtree is shared. So a change to one API costs its own routes plus the child
 * tables along their paths, whatever the size of the catalog and however many APIs share a path prefix. The leaves
 * are compiled once per API (not parsed again) and kept by group. The result matches exactly like a table built
 * from scratch from the same groups.
 *
 * <p>Thread-safe: immutable.
 *
 * @param <T> the value a route maps to
 */
final class GroupedRouteTable<T> {
    private final RouteTable<T> table;
    private final LayeredMap<String, List<Leaf<T>>> groups;

    private GroupedRouteTable(RouteTable<T> table, LayeredMap<String, List<Leaf<T>>> groups) {
        this.table = table;
        this.groups = groups;
    }

    /**
     * A table of {@code groups} (leaves by group id), added in iteration order.
     *
     * @throws IllegalArgumentException when two routes clash (see {@link RouteTable.Builder#add})
     */
    static <T> GroupedRouteTable<T> build(Map<String, List<Leaf<T>>> groups) {
        Map<String, MutableNode<T>> roots = new HashMap<>();
        int size = 0;
        for (List<Leaf<T>> group : groups.values()) {
            for (Leaf<T> leaf : group) {
                Leaf<T> clash = roots.computeIfAbsent(leaf.host(), h -> new MutableNode<>()).insert(leaf);
                if (clash != null) {
                    throw RouteTable.clash(leaf, clash);
                }
                size++;
            }
        }
        Map<String, Node<T>> frozen = new HashMap<>();
        roots.forEach((host, root) -> frozen.put(host, root.freeze()));
        return new GroupedRouteTable<>(RouteTable.of(frozen, size), LayeredMap.of(groups));
    }

    /** The table to match with. */
    RouteTable<T> table() {
        return table;
    }

    /** The leaves of group {@code id}, or {@code null} when there is no such group. */
    List<Leaf<T>> group(String id) {
        return groups.get(id);
    }

    /**
     * A table with the groups in {@code removed} gone and those in {@code put} added or replaced; this one is
     * unchanged.
     *
     * @throws IllegalArgumentException when a route of {@code put} clashes with one already in the table
     */
    GroupedRouteTable<T> update(Set<String> removed, Map<String, List<Leaf<T>>> put) {
        LayeredMap.Editor<String, List<Leaf<T>>> nextGroups = groups.edit();
        Map<String, List<Leaf<T>>> out = new HashMap<>(); // by host
        Map<String, List<Leaf<T>>> in = new HashMap<>();
        int size = table.size();
        Set<String> leaving = new LinkedHashSet<>(removed);
        leaving.addAll(put.keySet());
        for (String id : leaving) {
            List<Leaf<T>> old = nextGroups.remove(id);
            if (old == null) {
                continue;
            }
            for (Leaf<T> l : old) {
                out.computeIfAbsent(l.host(), h -> new ArrayList<>()).add(l);
            }
            size -= old.size();
        }
        for (Map.Entry<String, List<Leaf<T>>> group : put.entrySet()) {
            List<Leaf<T>> leaves = List.copyOf(group.getValue());
            nextGroups.put(group.getKey(), leaves);
            for (Leaf<T> l : leaves) {
                in.computeIfAbsent(l.host(), h -> new ArrayList<>()).add(l);
            }
            size += leaves.size();
        }
        Set<String> hosts = new HashSet<>(out.keySet());
        hosts.addAll(in.keySet());
        Map<String, Node<T>> roots = new HashMap<>();
        for (String host : hosts) {
            roots.put(host, TriePatch.apply(table.root(host), out.getOrDefault(host, List.of()),
                    in.getOrDefault(host, List.of())));
        }
        return new GroupedRouteTable<>(table.withRoots(roots, size), nextGroups.build());
    }
}
