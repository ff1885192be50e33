package dev.turnpike.registry.model;

import dev.turnpike.registry.collect.LayeredMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Changes to one {@link Catalog}, entity by entity, and the changed catalog they make. A put replaces the entity
 * with its id in place or appends a new one; a delete leaves a hole that a later put of the same id fills, so
 * deleting and re-creating an entity in one edit keeps its position. The rules of {@link Catalog} are checked once,
 * on the {@link #result()}: an edit may pass through states that would be invalid on their own (an API and the pool
 * it targets, put in either order).
 *
 * <p>The result costs the size of the edit plus a copy of each changed list: when the edit only puts entities
 * (and deletes subscriptions), only what it puts is checked, against the indexes of the catalog it started from,
 * which was valid. Other edits (deletes, new subscriptions, the first team) check the whole result. Either way the
 * outcome, and the message of a refusal, are those of {@link Catalog#Catalog(List, List, List, List, List, List)}.
 *
 * <p>Not thread-safe; one use.
 */
public final class CatalogEdit {
    private final Catalog base;
    private final Kind<String, Team> teams;
    private final Kind<String, Api> apis;
    private final Kind<String, UpstreamPool> pools;
    private final Kind<String, Consumer> consumers;
    private final Kind<CatalogIndex.Pair, Subscription> subscriptions;
    private final Kind<String, Composite> composites;

    CatalogEdit(Catalog base) {
        this.base = base;
        CatalogIndex index = base.index();
        teams = new Kind<>(base.teams(), index.teams(), Team::id);
        apis = new Kind<>(base.apis(), index.apis(), Api::id);
        pools = new Kind<>(base.pools(), index.pools(), UpstreamPool::id);
        consumers = new Kind<>(base.consumers(), index.consumers(), Consumer::id);
        subscriptions = new Kind<>(base.subscriptions(), index.subscriptions(), CatalogIndex.Pair::of);
        composites = new Kind<>(base.composites(), index.composites(), Composite::id);
    }

    public CatalogEdit putComposite(Composite composite) {
        composites.put(composite);
        return this;
    }

    /** Deletes the composite; {@code false} (and no change) when there is no such composite at this point. */
    public boolean deleteComposite(String id) {
        return composites.delete(id);
    }

    public CatalogEdit putTeam(Team team) {
        teams.put(team);
        return this;
    }

    public CatalogEdit putApi(Api api) {
        apis.put(api);
        return this;
    }

    public CatalogEdit putPool(UpstreamPool pool) {
        pools.put(pool);
        return this;
    }

    public CatalogEdit putConsumer(Consumer consumer) {
        consumers.put(consumer);
        return this;
    }

    public CatalogEdit putSubscription(Subscription subscription) {
        subscriptions.put(subscription);
        return this;
    }

    /** Deletes the team; {@code false} (and no change) when there is no such team at this point of the edit. */
    public boolean deleteTeam(String id) {
        return teams.delete(id);
    }

    /** Deletes the API; {@code false} (and no change) when there is no such API at this point of the edit. */
    public boolean deleteApi(String id) {
        return apis.delete(id);
    }

    /** Deletes the pool; {@code false} (and no change) when there is no such pool at this point of the edit. */
    public boolean deletePool(String id) {
        return pools.delete(id);
    }

    /** Deletes the consumer; {@code false} (and no change) when there is no such consumer at this point. */
    public boolean deleteConsumer(String id) {
        return consumers.delete(id);
    }

    /** Deletes the subscription; {@code false} (and no change) when there is no such subscription at this point. */
    public boolean deleteSubscription(String consumer, String api) {
        return subscriptions.delete(new CatalogIndex.Pair(consumer, api));
    }

    /**
     * The changed catalog; the catalog the edit started from when nothing was put or deleted. Lists of kinds the
     * edit did not touch are the same lists.
     *
     * @throws CatalogRuleException if the result breaks a rule of {@link Catalog}, listing every violation
     */
    public Catalog result() {
        if (teams.untouched() && apis.untouched() && pools.untouched() && consumers.untouched()
                && subscriptions.untouched() && composites.untouched()) {
            return base;
        }
        List<Team> t = teams.result();
        List<Api> a = apis.result();
        List<UpstreamPool> p = pools.result();
        List<Consumer> c = consumers.result();
        List<Subscription> s = subscriptions.result();
        List<Composite> k = composites.result();
        boolean local = !teams.deletes() && !apis.deletes() && !pools.deletes() && !consumers.deletes()
                && !composites.deletes()
                && !subscriptions.creates() && base.teams().isEmpty() == t.isEmpty();
        if (local && putsAreValid(!t.isEmpty())) {
            // Nothing moved unless a subscription went (those after it moved up): then the index is built anew.
            CatalogIndex index = subscriptions.deletes() ? null : new CatalogIndex(teams.positions(),
                    apis.positions(), pools.positions(), consumers.positions(), subscriptions.positions(),
                    mounts(base.index().mounts()), composites.positions());
            return new Catalog(t, a, p, c, s, k, index);
        }
        return Catalog.checked(t, a, p, c, s, k); // checks everything; lists every entity that breaks a rule
    }

    /**
     * Whether what the edit puts keeps the rules, given that it deletes nothing, adds no subscription (those would
     * need regrouping) and does not declare the first team: then nothing it does not put can break a rule, except
     * by a base path an API it puts takes.
     */
    private boolean putsAreValid(boolean teamsDeclared) {
        Map<CatalogIndex.Mount, String> taken = new HashMap<>();
        for (Api api : apis.puts()) {
            if (teamsDeclared && !teams.has(api.owner())) {
                return false;
            }
            for (Target target : api.targets()) {
                if (!pools.has(target.pool())) {
                    return false;
                }
            }
            if (api.successor().isPresent() && !apis.has(api.successor().get())) {
                return false;
            }
            CatalogIndex.Mount mount = CatalogIndex.Mount.of(api);
            if (taken.putIfAbsent(mount, api.id()) != null) {
                return false;
            }
            String holder = base.index().mounts().get(mount);
            if (holder != null && !holder.equals(api.id()) && !apis.touches(holder)) {
                return false; // an API this edit leaves alone has the base path
            }
        }
        for (Consumer consumer : consumers.puts()) {
            if (teamsDeclared && !teams.has(consumer.team())) {
                return false;
            }
        }
        List<String> violations = new ArrayList<>();
        for (Composite composite : composites.puts()) {
            Catalog.checkComposite(composite, team -> !teamsDeclared || teams.has(team), apis::has, violations);
        }
        return violations.isEmpty();
    }

    /** {@code mounts} of the base changed by the APIs this put-only edit puts. */
    private LayeredMap<CatalogIndex.Mount, String> mounts(LayeredMap<CatalogIndex.Mount, String> mounts) {
        List<Api> puts = apis.puts();
        LayeredMap.Editor<CatalogIndex.Mount, String> edit = mounts.edit();
        for (Api api : puts) {
            Api old = base.api(api.id());
            if (old != null && api.id().equals(edit.get(CatalogIndex.Mount.of(old)))) {
                edit.remove(CatalogIndex.Mount.of(old)); // all moves out first, so two APIs may swap base paths
            }
        }
        puts.forEach(api -> edit.put(CatalogIndex.Mount.of(api), api.id()));
        return edit.build();
    }

    /** The changes to one kind of entity: its final value by id ({@code null}: deleted), in first-change order. */
    private static final class Kind<K, T> {
        private final List<T> base;
        private final LayeredMap<K, Integer> positions;
        private final Function<T, K> id;
        private final Map<K, T> changes = new LinkedHashMap<>();

        Kind(List<T> base, LayeredMap<K, Integer> positions, Function<T, K> id) {
            this.base = base;
            this.positions = positions;
            this.id = id;
        }

        void put(T entity) {
            changes.put(id.apply(entity), entity);
        }

        boolean delete(K key) {
            if (!has(key)) {
                return false;
            }
            changes.put(key, null);
            return true;
        }

        /** Whether an entity with this id is there at this point of the edit. */
        boolean has(K key) {
            T changed = changes.get(key);
            return changed != null || (!changes.containsKey(key) && positions.get(key) != null);
        }

        boolean touches(K key) {
            return changes.containsKey(key);
        }

        boolean untouched() {
            return changes.isEmpty();
        }

        /** Whether the result lacks an entity of the base. */
        boolean deletes() {
            for (Map.Entry<K, T> e : changes.entrySet()) {
                if (e.getValue() == null && positions.get(e.getKey()) != null) {
                    return true;
                }
            }
            return false;
        }

        /** Whether the result has an entity the base lacks. */
        boolean creates() {
            for (Map.Entry<K, T> e : changes.entrySet()) {
                if (e.getValue() != null && positions.get(e.getKey()) == null) {
                    return true;
                }
            }
            return false;
        }

        /** The entities put (created or replaced). */
        List<T> puts() {
            List<T> puts = new ArrayList<>(changes.size());
            for (T t : changes.values()) {
                if (t != null) {
                    puts.add(t);
                }
            }
            return puts;
        }

        /**
         * The positions in {@link #result()} when it deleted nothing of the base: the base's, plus the appended
         * entities after them.
         */
        LayeredMap<K, Integer> positions() {
            if (changes.isEmpty()) {
                return positions;
            }
            LayeredMap.Editor<K, Integer> edit = positions.edit();
            int next = positions.size();
            for (Map.Entry<K, T> e : changes.entrySet()) {
                if (e.getValue() != null && positions.get(e.getKey()) == null) {
                    edit.put(e.getKey(), next++);
                }
            }
            return edit.build();
        }

        /** The changed list: one array copy, wrapped (not copied again); the base itself when unchanged. */
        @SuppressWarnings("unchecked")
        List<T> result() {
            if (changes.isEmpty()) {
                return base;
            }
            Object[] list = base.toArray(new Object[base.size() + changes.size()]);
            int size = base.size();
            boolean holes = false;
            for (Map.Entry<K, T> e : changes.entrySet()) {
                Integer at = positions.get(e.getKey());
                if (at != null) {
                    list[at] = e.getValue();
                    holes |= e.getValue() == null;
                } else if (e.getValue() != null) {
                    list[size++] = e.getValue();
                }
            }
            if (holes) {
                int kept = 0;
                for (int k = 0; k < size; k++) {
                    if (list[k] != null) {
                        list[kept++] = list[k];
                    }
                }
                size = kept;
            }
            return Collections.unmodifiableList(Arrays.asList((T[]) list).subList(0, size));
        }
    }
}
