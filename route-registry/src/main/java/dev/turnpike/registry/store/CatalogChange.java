package dev.turnpike.registry.store;

import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Consumer;
import dev.turnpike.registry.model.Subscription;
import dev.turnpike.registry.model.Team;
import dev.turnpike.registry.model.UpstreamPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One entity-level change to a catalog: put (create or replace by id) or delete a team, API, pool, consumer or
 * subscription. {@link #applyAll} makes the changed catalog; its constructor re-checks every cross-reference, so a
 * change that would break one (a target naming a deleted pool, a base path another API has) is refused with an
 * {@link IllegalArgumentException}. A put keeps the entity's position when it replaces one, else appends.
 */
public sealed interface CatalogChange {
    /** The kind of entity changed: {@code team}, {@code api}, {@code pool}, {@code consumer}, {@code subscription}. */
    String entityType();

    /** The id of the entity changed; {@code consumer/api} for a subscription. */
    String entityId();

    /** {@code put} or {@code delete}. */
    String action();

    /**
     * Applies {@code changes} in order and checks the rules of {@link Catalog} once, on the result: the changes of
     * one write may pass through states that would be invalid on their own (an API and the pool it targets, put in
     * either order). Linear in the size of the catalog plus the number of changes.
     *
     * @throws EntityNotFoundException  if a delete names an entity that is not there at that point
     * @throws IllegalArgumentException if the result breaks a rule of {@link Catalog}
     */
    static Catalog applyAll(Catalog catalog, List<CatalogChange> changes) {
        if (changes.isEmpty()) {
            return catalog;
        }
        Entities<Team> teams = new Entities<>(catalog.teams(), Team::id, "team");
        Entities<Api> apis = new Entities<>(catalog.apis(), Api::id, "api");
        Entities<UpstreamPool> pools = new Entities<>(catalog.pools(), UpstreamPool::id, "pool");
        Entities<Consumer> consumers = new Entities<>(catalog.consumers(), Consumer::id, "consumer");
        Entities<Subscription> subscriptions = new Entities<>(catalog.subscriptions(),
                CatalogChange::subscriptionId, "subscription");
        for (CatalogChange change : changes) {
            if (change instanceof PutTeam p) {
                teams.put(p.team());
            } else if (change instanceof DeleteTeam d) {
                teams.delete(d.id());
            } else if (change instanceof PutApi p) {
                apis.put(p.api());
            } else if (change instanceof DeleteApi d) {
                apis.delete(d.id());
            } else if (change instanceof PutPool p) {
                pools.put(p.pool());
            } else if (change instanceof DeletePool d) {
                pools.delete(d.id());
            } else if (change instanceof PutConsumer p) {
                consumers.put(p.consumer());
            } else if (change instanceof DeleteConsumer d) {
                consumers.delete(d.id());
            } else if (change instanceof PutSubscription p) {
                subscriptions.put(p.subscription());
            } else if (change instanceof DeleteSubscription d) {
                subscriptions.delete(d.entityId());
            }
        }
        return new Catalog(teams.list(), apis.list(), pools.list(), consumers.list(), subscriptions.list());
    }

    record PutTeam(Team team) implements CatalogChange {
        public PutTeam {
            Objects.requireNonNull(team, "team");
        }

        public String entityType() { return "team"; }

        public String entityId() { return team.id(); }

        public String action() { return "put"; }
    }

    record DeleteTeam(String id) implements CatalogChange {
        public DeleteTeam {
            Objects.requireNonNull(id, "id");
        }

        public String entityType() { return "team"; }

        public String entityId() { return id; }

        public String action() { return "delete"; }
    }

    record PutApi(Api api) implements CatalogChange {
        public PutApi {
            Objects.requireNonNull(api, "api");
        }

        public String entityType() { return "api"; }

        public String entityId() { return api.id(); }

        public String action() { return "put"; }
    }

    record DeleteApi(String id) implements CatalogChange {
        public DeleteApi {
            Objects.requireNonNull(id, "id");
        }

        public String entityType() { return "api"; }

        public String entityId() { return id; }

        public String action() { return "delete"; }
    }

    record PutPool(UpstreamPool pool) implements CatalogChange {
        public PutPool {
            Objects.requireNonNull(pool, "pool");
        }

        public String entityType() { return "pool"; }

        public String entityId() { return pool.id(); }

        public String action() { return "put"; }
    }

    record DeletePool(String id) implements CatalogChange {
        public DeletePool {
            Objects.requireNonNull(id, "id");
        }

        public String entityType() { return "pool"; }

        public String entityId() { return id; }

        public String action() { return "delete"; }
    }

    record PutConsumer(Consumer consumer) implements CatalogChange {
        public PutConsumer {
            Objects.requireNonNull(consumer, "consumer");
        }

        public String entityType() { return "consumer"; }

        public String entityId() { return consumer.id(); }

        public String action() { return "put"; }
    }

    /** Deleting a consumer also deletes its keys (in the store) but not its subscriptions: delete those first. */
    record DeleteConsumer(String id) implements CatalogChange {
        public DeleteConsumer {
            Objects.requireNonNull(id, "id");
        }

        public String entityType() { return "consumer"; }

        public String entityId() { return id; }

        public String action() { return "delete"; }
    }

    record PutSubscription(Subscription subscription) implements CatalogChange {
        public PutSubscription {
            Objects.requireNonNull(subscription, "subscription");
        }

        public String entityType() { return "subscription"; }

        public String entityId() { return subscriptionId(subscription); }

        public String action() { return "put"; }
    }

    record DeleteSubscription(String consumer, String api) implements CatalogChange {
        public DeleteSubscription {
            Objects.requireNonNull(consumer, "consumer");
            Objects.requireNonNull(api, "api");
        }

        public String entityType() { return "subscription"; }

        public String entityId() { return consumer + "/" + api; }

        public String action() { return "delete"; }
    }

    /** The id of a subscription in changes, URLs and the audit log: {@code consumer/api}. */
    static String subscriptionId(Subscription s) {
        return s.consumer() + "/" + s.api();
    }

    /**
     * Entities of one kind by id, in catalog order. A put replaces in place or appends; a delete leaves a hole that a
     * later put of the same id fills, so deleting and re-creating an entity in one write keeps its position (what
     * the store writes is the net effect per entity).
     */
    final class Entities<T> {
        private final java.util.LinkedHashMap<String, T> byId = new java.util.LinkedHashMap<>();
        private final Function<T, String> id;
        private final String what;

        private Entities(List<T> entities, Function<T, String> id, String what) {
            this.id = id;
            this.what = what;
            for (T t : entities) {
                byId.put(id.apply(t), t);
            }
        }

        private void put(T entity) {
            byId.put(id.apply(entity), entity);
        }

        private void delete(String key) {
            if (byId.get(key) == null) {
                throw new EntityNotFoundException(what, key);
            }
            byId.put(key, null);
        }

        private List<T> list() {
            List<T> list = new ArrayList<>(byId.size());
            for (T t : byId.values()) {
                if (t != null) {
                    list.add(t);
                }
            }
            return list;
        }
    }
}
