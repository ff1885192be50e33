package dev.turnpike.registry.model;

import dev.turnpike.registry.collect.LayeredMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Positions by id of every entity of one {@link Catalog}, and which API has each host and base path: what lookups
 * and {@link CatalogEdit} need to touch only the entities a change names. Built on first use, or derived from the
 * index of the catalog an edit started from ({@link LayeredMap}s: a put-only edit costs its own entities, not the
 * catalog's).
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

    private final LayeredMap<String, Integer> teams;
    private final LayeredMap<String, Integer> apis;
    private final LayeredMap<String, Integer> pools;
    private final LayeredMap<String, Integer> consumers;
    private final LayeredMap<Pair, Integer> subscriptions;
    private final LayeredMap<Mount, String> mounts;
    private final LayeredMap<String, Integer> composites;

    CatalogIndex(Catalog catalog) {
        teams = positions(catalog.teams(), Team::id);
        apis = positions(catalog.apis(), Api::id);
        pools = positions(catalog.pools(), UpstreamPool::id);
        consumers = positions(catalog.consumers(), Consumer::id);
        subscriptions = positions(catalog.subscriptions(), Pair::of);
        composites = positions(catalog.composites(), Composite::id);
        Map<Mount, String> byMount = new HashMap<>(catalog.apis().size() * 4 / 3 + 1);
        catalog.apis().forEach(a -> byMount.put(Mount.of(a), a.id()));
        mounts = LayeredMap.of(byMount);
    }

    CatalogIndex(LayeredMap<String, Integer> teams, LayeredMap<String, Integer> apis,
                 LayeredMap<String, Integer> pools, LayeredMap<String, Integer> consumers,
                 LayeredMap<Pair, Integer> subscriptions, LayeredMap<Mount, String> mounts,
                 LayeredMap<String, Integer> composites) {
        this.teams = teams;
        this.apis = apis;
        this.pools = pools;
        this.consumers = consumers;
        this.subscriptions = subscriptions;
        this.mounts = mounts;
        this.composites = composites;
    }

    LayeredMap<String, Integer> composites() {
        return composites;
    }

    LayeredMap<String, Integer> teams() {
        return teams;
    }

    LayeredMap<String, Integer> apis() {
        return apis;
    }

    LayeredMap<String, Integer> pools() {
        return pools;
    }

    LayeredMap<String, Integer> consumers() {
        return consumers;
    }

    LayeredMap<Pair, Integer> subscriptions() {
        return subscriptions;
    }

    LayeredMap<Mount, String> mounts() {
        return mounts;
    }

    private static <T, K> LayeredMap<K, Integer> positions(List<T> entities, Function<T, K> id) {
        Map<K, Integer> positions = new HashMap<>(entities.size() * 4 / 3 + 1);
        for (int i = 0; i < entities.size(); i++) {
            positions.put(id.apply(entities.get(i)), i);
        }
        return LayeredMap.of(positions);
    }
}
