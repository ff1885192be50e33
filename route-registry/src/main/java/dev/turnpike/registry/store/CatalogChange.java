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
 * subscription. {@link #applyTo} makes the changed catalog; its constructor re-checks every cross-reference, so a
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
     * The catalog with this change made.
     *
     * @throws EntityNotFoundException  if a delete names an entity the catalog does not have
     * @throws IllegalArgumentException if the result breaks a rule of {@link Catalog}
     */
    Catalog applyTo(Catalog catalog);

    /** Applies {@code changes} in order. */
    static Catalog applyAll(Catalog catalog, List<CatalogChange> changes) {
        Catalog result = catalog;
        for (CatalogChange change : changes) {
            result = change.applyTo(result);
        }
        return result;
    }

    record PutTeam(Team team) implements CatalogChange {
        public PutTeam {
            Objects.requireNonNull(team, "team");
        }

        public String entityType() { return "team"; }

        public String entityId() { return team.id(); }

        public String action() { return "put"; }

        public Catalog applyTo(Catalog c) {
            return new Catalog(put(c.teams(), team, Team::id), c.apis(), c.pools(), c.consumers(), c.subscriptions());
        }
    }

    record DeleteTeam(String id) implements CatalogChange {
        public DeleteTeam {
            Objects.requireNonNull(id, "id");
        }

        public String entityType() { return "team"; }

        public String entityId() { return id; }

        public String action() { return "delete"; }

        public Catalog applyTo(Catalog c) {
            return new Catalog(delete(c.teams(), id, Team::id, "team"), c.apis(), c.pools(), c.consumers(),
                    c.subscriptions());
        }
    }

    record PutApi(Api api) implements CatalogChange {
        public PutApi {
            Objects.requireNonNull(api, "api");
        }

        public String entityType() { return "api"; }

        public String entityId() { return api.id(); }

        public String action() { return "put"; }

        public Catalog applyTo(Catalog c) {
            return new Catalog(c.teams(), put(c.apis(), api, Api::id), c.pools(), c.consumers(), c.subscriptions());
        }
    }

    record DeleteApi(String id) implements CatalogChange {
        public DeleteApi {
            Objects.requireNonNull(id, "id");
        }

        public String entityType() { return "api"; }

        public String entityId() { return id; }

        public String action() { return "delete"; }

        public Catalog applyTo(Catalog c) {
            return new Catalog(c.teams(), delete(c.apis(), id, Api::id, "api"), c.pools(), c.consumers(),
                    c.subscriptions());
        }
    }

    record PutPool(UpstreamPool pool) implements CatalogChange {
        public PutPool {
            Objects.requireNonNull(pool, "pool");
        }

        public String entityType() { return "pool"; }

        public String entityId() { return pool.id(); }

        public String action() { return "put"; }

        public Catalog applyTo(Catalog c) {
            return new Catalog(c.teams(), c.apis(), put(c.pools(), pool, UpstreamPool::id), c.consumers(),
                    c.subscriptions());
        }
    }

    record DeletePool(String id) implements CatalogChange {
        public DeletePool {
            Objects.requireNonNull(id, "id");
        }

        public String entityType() { return "pool"; }

        public String entityId() { return id; }

        public String action() { return "delete"; }

        public Catalog applyTo(Catalog c) {
            return new Catalog(c.teams(), c.apis(), delete(c.pools(), id, UpstreamPool::id, "pool"), c.consumers(),
                    c.subscriptions());
        }
    }

    record PutConsumer(Consumer consumer) implements CatalogChange {
        public PutConsumer {
            Objects.requireNonNull(consumer, "consumer");
        }

        public String entityType() { return "consumer"; }

        public String entityId() { return consumer.id(); }

        public String action() { return "put"; }

        public Catalog applyTo(Catalog c) {
            return new Catalog(c.teams(), c.apis(), c.pools(), put(c.consumers(), consumer, Consumer::id),
                    c.subscriptions());
        }
    }

    /** Deleting a consumer also deletes its keys (in the store) but not its subscriptions: delete those first. */
    record DeleteConsumer(String id) implements CatalogChange {
        public DeleteConsumer {
            Objects.requireNonNull(id, "id");
        }

        public String entityType() { return "consumer"; }

        public String entityId() { return id; }

        public String action() { return "delete"; }

        public Catalog applyTo(Catalog c) {
            return new Catalog(c.teams(), c.apis(), c.pools(), delete(c.consumers(), id, Consumer::id, "consumer"),
                    c.subscriptions());
        }
    }

    record PutSubscription(Subscription subscription) implements CatalogChange {
        public PutSubscription {
            Objects.requireNonNull(subscription, "subscription");
        }

        public String entityType() { return "subscription"; }

        public String entityId() { return subscriptionId(subscription); }

        public String action() { return "put"; }

        public Catalog applyTo(Catalog c) {
            return new Catalog(c.teams(), c.apis(), c.pools(), c.consumers(),
                    put(c.subscriptions(), subscription, CatalogChange::subscriptionId));
        }
    }

    record DeleteSubscription(String consumer, String api) implements CatalogChange {
        public DeleteSubscription {
            Objects.requireNonNull(consumer, "consumer");
            Objects.requireNonNull(api, "api");
        }

        public String entityType() { return "subscription"; }

        public String entityId() { return consumer + "/" + api; }

        public String action() { return "delete"; }

        public Catalog applyTo(Catalog c) {
            return new Catalog(c.teams(), c.apis(), c.pools(), c.consumers(),
                    delete(c.subscriptions(), entityId(), CatalogChange::subscriptionId, "subscription"));
        }
    }

    /** The id of a subscription in changes, URLs and the audit log: {@code consumer/api}. */
    static String subscriptionId(Subscription s) {
        return s.consumer() + "/" + s.api();
    }

    private static <T> List<T> put(List<T> list, T entity, Function<T, String> id) {
        List<T> result = new ArrayList<>(list.size() + 1);
        String key = id.apply(entity);
        boolean replaced = false;
        for (T t : list) {
            if (!replaced && id.apply(t).equals(key)) {
                result.add(entity);
                replaced = true;
            } else {
                result.add(t);
            }
        }
        if (!replaced) {
            result.add(entity);
        }
        return result;
    }

    private static <T> List<T> delete(List<T> list, String key, Function<T, String> id, String what) {
        List<T> result = new ArrayList<>(list.size());
        for (T t : list) {
            if (!id.apply(t).equals(key)) {
                result.add(t);
            }
        }
        if (result.size() == list.size()) {
            throw new EntityNotFoundException(what, key);
        }
        return result;
    }
}
