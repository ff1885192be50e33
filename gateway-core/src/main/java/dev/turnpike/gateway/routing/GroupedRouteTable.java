package dev.turnpike.gateway.routing;

import dev.turnpike.registry.collect.LayeredMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

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
    private final LayeredMap<String, List<Leaf<T>>> groups;
    private final LayeredMap<Bucket, List<String>> buckets;
    /** How many leaves have 0, 1, 2, ... params: what the table's {@code maxParams} is kept from. */
    private final int[] leavesByParams;

    private GroupedRouteTable(RouteTable<T> table, LayeredMap<String, List<Leaf<T>>> groups,
                              LayeredMap<Bucket, List<String>> buckets, int[] leavesByParams) {
        this.table = table;
        this.groups = groups;
        this.buckets = buckets;
        this.leavesByParams = leavesByParams;
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
        int[] leavesByParams = new int[0];
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
                leavesByParams = count(leavesByParams, leaf, 1);
            }
        }
        Map<String, Node<T>> frozen = new HashMap<>();
        roots.forEach((host, root) -> frozen.put(host, root.freeze()));
        return new GroupedRouteTable<>(RouteTable.of(frozen, size, maxParams(leavesByParams)),
                LayeredMap.of(groups), LayeredMap.of(buckets), leavesByParams);
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

    /** Calls {@code action} with the id of every group, in no particular order. */
    void forEachGroupId(Consumer<String> action) {
        groups.forEachKey(action);
    }

    /**
     * A table with the groups in {@code removed} gone and those in {@code put} added or replaced; this one is
     * unchanged.
     *
     * @throws IllegalArgumentException when a route of {@code put} clashes with one already in its bucket
     */
    GroupedRouteTable<T> update(Set<String> removed, Map<String, List<Leaf<T>>> put) {
        LayeredMap.Editor<String, List<Leaf<T>>> nextGroups = groups.edit();
        LayeredMap.Editor<Bucket, List<String>> nextBuckets = buckets.edit();
        Set<Bucket> affected = new LinkedHashSet<>();
        int size = table.size();
        int[] byParams = leavesByParams.clone();
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
            for (Leaf<T> l : old) {
                byParams = count(byParams, l, -1);
            }
        }
        for (Map.Entry<String, List<Leaf<T>>> group : put.entrySet()) {
            List<Leaf<T>> leaves = List.copyOf(group.getValue());
            nextGroups.put(group.getKey(), leaves);
            for (Bucket b : bucketsOf(leaves)) {
                affected.add(b);
                List<String> before = nextBuckets.get(b);
                List<String> ids = before == null ? new ArrayList<>(1) : new ArrayList<>(before);
                ids.add(group.getKey());
                nextBuckets.put(b, ids);
            }
            size += leaves.size();
            for (Leaf<T> l : leaves) {
                byParams = count(byParams, l, 1);
            }
        }
        return new GroupedRouteTable<>(
                table.withRoots(rebuild(affected, nextGroups, nextBuckets), size, maxParams(byParams)),
                nextGroups.build(), nextBuckets.build(), byParams);
    }

    /** {@code counts} with {@code delta} added at {@code leaf}'s number of params; grown when too short. */
    private static int[] count(int[] counts, Leaf<?> leaf, int delta) {
        int params = leaf.paramNames().size();
        int[] out = params < counts.length ? counts : Arrays.copyOf(counts, params + 1);
        out[params] += delta;
        return out;
    }

    /** The largest number of params a leaf has, by {@code counts}. */
    private static int maxParams(int[] counts) {
        for (int p = counts.length - 1; p > 0; p--) {
            if (counts[p] > 0) {
                return p;
            }
        }
        return 0;
    }

    /** New roots of the hosts of {@code affected}: those buckets built afresh, the others taken from the table. */
    private Map<String, Node<T>> rebuild(Set<Bucket> affected, LayeredMap.Editor<String, List<Leaf<T>>> nextGroups,
                                         LayeredMap.Editor<Bucket, List<String>> nextBuckets) {
        Map<String, MutableNode<T>> scratch = new HashMap<>();
        for (Bucket b : affected) {
            MutableNode<T> root = scratch.computeIfAbsent(b.host(), h -> new MutableNode<>(-1));
            List<String> ids = nextBuckets.get(b);
            for (String id : ids == null ? List.<String>of() : ids) {
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
