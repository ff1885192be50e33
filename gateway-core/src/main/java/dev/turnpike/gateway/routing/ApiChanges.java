package dev.turnpike.gateway.routing;

import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Lifecycle;
import dev.turnpike.registry.model.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The APIs whose compiled routes a snapshot update cannot take from the live snapshot, and the ids of the APIs that
 * are gone.
 *
 * <p>An API's routes are reused when the API is equal to the one they were compiled for (identity checked first),
 * its pools are the same runtime objects, and its lifecycle headers are equal. Finding that out must cost the
 * change, not the catalog: the catalog's API list is walked side by side with the live catalog's, and an API that
 * is the very object at the aligned place of the live list is taken as unchanged without being read (comparing
 * two reference arrays; an API, its id and its routes are scattered over the heap, and touching them for every
 * API of a large catalog is what used to dominate an update). When the pool runtimes all stayed the same, only
 * the lifecycle headers can still change for such an API, and only through the base path of its successor: those
 * APIs are looked up from {@code successorOf} afterwards. Insertions, removals and replacements re-align the walk;
 * an API not found at or shortly after the aligned place is looked up by id in the live route
 * table.
 *
 * @param changed     the APIs of the new catalog that need their routes compiled, in catalog order
 * @param removed     the ids of the live catalog's APIs that the new one has not
 * @param successorOf for the new catalog: the successor of every deprecated API that names one, by API id
 */
record ApiChanges(List<Api> changed, Set<String> removed, Map<String, String> successorOf) {
    /** How far past its aligned place an unchanged API is looked for: the removals and replacements it may skip. */
    private static final int LOOK_AHEAD = 32;

    /**
     * The changes from {@code live} to {@code apis}, or {@code null} when more than {@code limit} APIs changed or
     * went (building from scratch is then the better way).
     *
     * @param pools the pool runtimes of the next snapshot
     */
    static ApiChanges find(RoutingSnapshot live, GroupedRouteTable<RouteTarget> liveRoutes,
                           Map<String, String> liveSuccessorOf, Catalog catalog, Map<String, PoolRuntime> pools,
                           int limit) {
        List<Api> apis = catalog.apis();
        List<Api> before = live.catalog().apis();
        boolean samePools = pools.size() == live.pools().size() && sameRuntimes(pools, live.pools());
        List<Api> changed = new ArrayList<>();
        Set<String> lookedUp = new HashSet<>();
        List<Api> skipped = new ArrayList<>();
        int j = 0;
        for (int i = 0; i < apis.size(); i++) {
            Api api = apis.get(i);
            Api was = null;
            int at = find(before, j, api);
            if (at >= 0) {
                while (j < at) {
                    skipped.add(before.get(j++));
                }
                was = api;
                j = at + 1;
            }
            if (was != null && samePools) {
                continue;
            }
            if (was == null) {
                lookedUp.add(api.id());
                List<Leaf<RouteTarget>> old = liveRoutes.group(api.id());
                was = old == null ? null : ((ApiRoute) old.get(0).value()).api();
            }
            if (was != null && (was == api || was.equals(api)) && sameTargets(api, pools, live.pools())) {
                continue;
            }
            if (changed.size() == limit) {
                return null;
            }
            changed.add(api);
        }
        skipped.addAll(before.subList(Math.min(j, before.size()), before.size()));
        Set<String> removed = new HashSet<>();
        for (Api gone : skipped) {
            if (!lookedUp.contains(gone.id())) {
                removed.add(gone.id());
            }
        }
        if (changed.size() + removed.size() > limit) {
            return null;
        }
        Set<String> changedIds = new HashSet<>();
        changed.forEach(a -> changedIds.add(a.id()));
        liveSuccessorOf.forEach((id, successor) -> {
            if (changedIds.contains(successor) && !changedIds.contains(id) && !removed.contains(id)) {
                ApiRoute route = (ApiRoute) liveRoutes.group(id).get(0).value();
                if (!route.lifecycle().equals(LifecycleHeaders.of(route.api(), catalog::api))) {
                    changed.add(route.api());
                }
            }
        });
        return new ApiChanges(changed, removed, successorOf(liveSuccessorOf, changed, removed));
    }

    /**
     * Where {@code api} (this very object) is in {@code before} at or a little after {@code from}, or -1: the
     * aligned place, or past a few APIs that were removed or replaced. Compares references only.
     */
    private static int find(List<Api> before, int from, Api api) {
        int end = Math.min(before.size(), from + LOOK_AHEAD);
        for (int k = from; k < end; k++) {
            if (before.get(k) == api) {
                return k;
            }
        }
        return -1;
    }

    /** The successor of every deprecated API of {@code apis} that names one, by API id. */
    static Map<String, String> successorOf(List<Api> apis) {
        Map<String, String> out = new HashMap<>();
        apis.forEach(a -> putSuccessor(out, a));
        return Map.copyOf(out);
    }

    private static Map<String, String> successorOf(Map<String, String> live, List<Api> changed, Set<String> removed) {
        boolean touched = changed.stream().anyMatch(a -> live.containsKey(a.id()) || hasSuccessor(a))
                || removed.stream().anyMatch(live::containsKey);
        if (!touched) {
            return live;
        }
        Map<String, String> out = new HashMap<>(live);
        removed.forEach(out::remove);
        for (Api a : changed) {
            out.remove(a.id());
            putSuccessor(out, a);
        }
        return Map.copyOf(out);
    }

    private static void putSuccessor(Map<String, String> out, Api api) {
        if (hasSuccessor(api)) {
            out.put(api.id(), api.successor().get());
        }
    }

    private static boolean hasSuccessor(Api api) {
        return api.lifecycle() == Lifecycle.DEPRECATED && api.successor().isPresent();
    }

    private static boolean sameRuntimes(Map<String, PoolRuntime> pools, Map<String, PoolRuntime> livePools) {
        for (Map.Entry<String, PoolRuntime> e : pools.entrySet()) {
            if (livePools.get(e.getKey()) != e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameTargets(Api api, Map<String, PoolRuntime> pools, Map<String, PoolRuntime> livePools) {
        for (Target t : api.targets()) {
            if (pools.get(t.pool()) != livePools.get(t.pool())) {
                return false;
            }
        }
        return true;
    }
}
