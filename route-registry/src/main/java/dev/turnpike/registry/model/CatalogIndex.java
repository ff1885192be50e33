package dev.turnpike.registry.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Positions by id of every entity of one {@link Catalog}, and which API has each host and base path: what lookups
 * and {@link CatalogEdit} need to touch only the entities a change names. Built once per catalog, on first use.
 */
final class CatalogIndex {
    /** A host (or {@code *} for any) and base path that one API at most may have. */
    record Mount(String host, String basePath) {
        static Mount of(Api api) {
            return new Mount(api.host().orElse("*"), api.basePath());
        }
    }

    /** A consumer and an API: a subscription's identity. */
    record Pair(String consumer, String api) {
        static Pair of(Subscription s) {
            return new Pair(s.consumer(), s.api());
        }
    }

    private final Map<String, Integer> teams;
    private final Map<String, Integer> apis;
    private final Map<String, Integer> pools;
    private final Map<String, Integer> consumers;
    private final Map<Pair, Integer> subscriptions;
    private final Map<Mount, String> mounts;

    CatalogIndex(Catalog catalog) {
        teams = positions(catalog.teams(), Team::id);
        apis = positions(catalog.apis(), Api::id);
        pools = positions(catalog.pools(), UpstreamPool::id);
        consumers = positions(catalog.consumers(), Consumer::id);
        subscriptions = positions(catalog.subscriptions(), Pair::of);
        mounts = new HashMap<>(catalog.apis().size() * 4 / 3 + 1);
        catalog.apis().forEach(a -> mounts.put(Mount.of(a), a.id()));
    }

    Map<String, Integer> teams() {
        return teams;
    }

    Map<String, Integer> apis() {
        return apis;
    }

    Map<String, Integer> pools() {
        return pools;
    }

    Map<String, Integer> consumers() {
        return consumers;
    }

    Map<Pair, Integer> subscriptions() {
        return subscriptions;
    }

    /** The id of the API mounted at {@code mount}, or {@code null}. */
    String mountedAt(Mount mount) {
        return mounts.get(mount);
    }

    private static <T, K> Map<K, Integer> positions(List<T> entities, Function<T, K> id) {
        Map<K, Integer> positions = new HashMap<>(entities.size() * 4 / 3 + 1);
        for (int i = 0; i < entities.size(); i++) {
            positions.put(id.apply(entities.get(i)), i);
        }
        return positions;
    }
}
