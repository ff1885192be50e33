package dev.turnpike.gateway.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link RouteTable} whose routes come in named groups (the gateway: one group per API) and that can be updated
 * group by group, sharing with the table it came from every part of the trie the change does not touch.
 *
 * <p>The trie below a host's root splits by the first path segment: a literal first segment ({@code /api7/...})
 * leads to its own child, and the routes whose first segment is a {@code {param}} or {@code /**} hang off the root
 * itself. Each such <em>bucket</em> depends only on the routes in it. An update rebuilds the buckets that the
 * changed groups had or now have routes in, from the leaves of every group in them (reused, not parsed again), and
 * assembles new host roots that point at the new buckets and at the old ones for everything else; so a change to
 * one API under its own base path costs its own routes plus one copy of the root's child table, whatever the size
 * of the catalog. The result matches exactly like a table built from scratch from the same groups.
 *
 * <p>Thread-safe: immutable.
 *
 * @param <T> the value a route maps to
 */
final class GroupedRouteTable<T> {
    /**
     * One child of a host's trie root.
     *
     * @param host  the host key ({@code *}: any host)
     * @param first the literal first segment, or {@code null} for the root's {@code {param}} and {@code /**}
     */
    private record Bucket(String host, String first) {
        static Bucket of(Leaf<?> leaf) {
            return new Bucket(leaf.host(), leaf.firstLiteral());
        }

        boolean holds(Leaf<?> leaf) {
            return host.equals(leaf.host()) && leaf.firstLiteralIs(first);
        }
    }

    private final RouteTable<T> table;
    private final Map<String, List<Leaf<T>>> groups;
    private final Map<Bucket, List<String>> buckets;

    private GroupedRouteTable(RouteTable<T> table, Map<String, List<Leaf<T>>> groups,
                              Map<Bucket, List<String>> buckets) {
        this.table = table;
        this.groups = groups;
        this.buckets = buckets;
    }

    /**
     * A table of {@code groups} (leaves by group id), added in iteration order.
     *
     * @throws IllegalArgumentException when two routes clash (see {@link RouteTable.Builder#add})
     */
    static <T> GroupedRouteTable<T> build(Map<String, List<Leaf<T>>> groups) {
        Map<String, MutableNode<T>> roots = new HashMap<>();
        Map<Bucket, List<String>> buckets = new HashMap<>(groups.size() * 4 / 3 + 1);
        int size = 0;
        int maxParams = 0;
        for (Map.Entry<String, List<Leaf<T>>> group : groups.entrySet()) {
            Bucket last = null;
            MutableNode<T> root = null;
            for (Leaf<T> leaf : group.getValue()) {
                if (last == null || !last.holds(leaf)) {
                    last = Bucket.of(leaf);
                    root = roots.computeIfAbsent(leaf.host(), h -> new MutableNode<>(-1));
                    List<String> ids = buckets.computeIfAbsent(last, b -> new ArrayList<>(1));
                    if (ids.isEmpty() || !ids.get(ids.size() - 1).equals(group.getKey())) {
                        ids.add(group.getKey());
                    }
                }
                Leaf<T> clash = root.insert(leaf);
                if (clash != null) {
                    throw RouteTable.clash(leaf, clash);
                }
                size++;
                maxParams = Math.max(maxParams, leaf.paramNames().size());
            }
        }
        Map<String, Node<T>> frozen = new HashMap<>();
        roots.forEach((host, root) -> frozen.put(host, root.freeze()));
        return new GroupedRouteTable<>(RouteTable.of(frozen, size, maxParams), Map.copyOf(groups), buckets);
    }

    /** The table to match with. */
    RouteTable<T> table() {
        return table;
    }

    /** The leaves of group {@code id}, or {@code null} when there is no such group. */
    List<Leaf<T>> group(String id) {
        return groups.get(id);
    }

    /** How many groups there are. */
    int groupCount() {
        return groups.size();
    }

    /** The ids of all groups. */
    Set<String> groupIds() {
        return groups.keySet();
    }

    /**
     * A table with the groups in {@code removed} gone and those in {@code put} added or replaced; this one is
     * unchanged.
     *
     * @throws IllegalArgumentException when a route of {@code put} clashes with one already in its bucket
     */
    GroupedRouteTable<T> update(Set<String> removed, Map<String, List<Leaf<T>>> put) {
        Map<String, List<Leaf<T>>> nextGroups = new HashMap<>(groups);
        Map<Bucket, List<String>> nextBuckets = new HashMap<>(buckets);
        Set<Bucket> affected = new LinkedHashSet<>();
        int size = table.size();
        boolean maxMayShrink = false;
        Set<String> leaving = new LinkedHashSet<>(removed);
        leaving.addAll(put.keySet());
        for (String id : leaving) {
            List<Leaf<T>> old = nextGroups.remove(id);
            if (old == null) {
                continue;
            }
            for (Bucket b : bucketsOf(old)) {
                affected.add(b);
                List<String> ids = new ArrayList<>(nextBuckets.get(b));
                ids.remove(id);
                if (ids.isEmpty()) {
                    nextBuckets.remove(b);
                } else {
                    nextBuckets.put(b, ids);
                }
            }
            size -= old.size();
            maxMayShrink |= table.maxParams() > 0 && old.stream().anyMatch(l -> l.paramNames().size() == table.maxParams());
        }
        int maxParams = maxMayShrink ? 0 : table.maxParams();
        for (Map.Entry<String, List<Leaf<T>>> group : put.entrySet()) {
            List<Leaf<T>> leaves = List.copyOf(group.getValue());
            nextGroups.put(group.getKey(), leaves);
            for (Bucket b : bucketsOf(leaves)) {
                affected.add(b);
                List<String> ids = new ArrayList<>(nextBuckets.getOrDefault(b, List.of()));
                ids.add(group.getKey());
                nextBuckets.put(b, ids);
            }
            size += leaves.size();
            for (Leaf<T> l : leaves) {
                maxParams = Math.max(maxParams, l.paramNames().size());
            }
        }
        if (maxMayShrink) {
            for (List<Leaf<T>> leaves : nextGroups.values()) {
                for (Leaf<T> l : leaves) {
                    maxParams = Math.max(maxParams, l.paramNames().size());
                }
            }
        }
        return new GroupedRouteTable<>(
                table.withRoots(rebuild(affected, nextGroups, nextBuckets), size, maxParams),
                nextGroups, nextBuckets);
    }

    /** New roots of the hosts of {@code affected}: those buckets built afresh, the others taken from the table. */
    private Map<String, Node<T>> rebuild(Set<Bucket> affected, Map<String, List<Leaf<T>>> nextGroups,
                                         Map<Bucket, List<String>> nextBuckets) {
        Map<String, MutableNode<T>> scratch = new HashMap<>();
        for (Bucket b : affected) {
            MutableNode<T> root = scratch.computeIfAbsent(b.host(), h -> new MutableNode<>(-1));
            for (String id : nextBuckets.getOrDefault(b, List.of())) {
                for (Leaf<T> leaf : nextGroups.get(id)) {
                    if (b.holds(leaf)) {
                        Leaf<T> clash = root.insert(leaf);
                        if (clash != null) {
                            throw RouteTable.clash(leaf, clash);
                        }
                    }
                }
            }
        }
        Map<String, Node<T>> roots = new HashMap<>();
        scratch.forEach((host, built) -> {
            Node<T> fresh = built.freeze();
            Node<T> old = table.root(host);
            LiteralTable<Node<T>> literals = old == null ? LiteralTable.empty() : old.literals();
            Node<T> param = old == null ? null : old.param();
            MethodLeaves<T> rest = old == null ? null : old.rest();
            Map<String, Node<T>> literalChanges = new HashMap<>();
            for (Bucket b : affected) {
                if (!b.host().equals(host)) {
                    continue;
                }
                if (b.first() == null) {
                    param = fresh.param();
                    rest = fresh.rest();
                } else {
                    literalChanges.put(b.first(), fresh.literals().get(b.first()));
                }
            }
            literals = literals.with(literalChanges);
            roots.put(host, literals.isEmpty() && param == null && rest == null
                    ? null : new Node<>(literals, param, -1, null, rest));
        });
        return roots;
    }

    private static <T> Set<Bucket> bucketsOf(List<Leaf<T>> leaves) {
        Set<Bucket> out = new LinkedHashSet<>(2);
        Bucket last = null;
        for (Leaf<T> leaf : leaves) {
            if (last == null || !last.holds(leaf)) {
                last = Bucket.of(leaf);
                out.add(last);
            }
        }
        return out;
    }
}
