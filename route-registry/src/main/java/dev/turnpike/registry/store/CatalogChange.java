package dev.turnpike.registry.store;

import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.CatalogEdit;
import dev.turnpike.registry.model.Composite;
import dev.turnpike.registry.model.Consumer;
import dev.turnpike.registry.model.Subscription;
import dev.turnpike.registry.model.Team;
import dev.turnpike.registry.model.UpstreamPool;
import java.util.List;
import java.util.Objects;

/**
 * One entity-level change to a catalog: put (create or replace by id) or delete a team, API, pool, consumer,
 * subscription or composite. {@link #applyAll} makes the changed catalog; its constructor re-checks every cross-reference, so a
 * change that would break one (a target naming a deleted pool, a base path another API has) is refused with an
 * {@link IllegalArgumentException}. A put keeps the entity's position when it replaces one, else appends.
 */
public sealed interface CatalogChange {
    /**
     * The kind of entity changed: {@code team}, {@code api}, {@code pool}, {@code consumer}, {@code subscription},
     * {@code composite}.
     */
    String entityType();

    /** The id of the entity changed; {@code consumer/api} for a subscription. */
    String entityId();

    /** {@code put} or {@code delete}. */
    String action();

    /**
     * Applies {@code changes} in order and checks the rules of {@link Catalog} once, on the result: the changes of
     * one write may pass through states that would be invalid on their own (an API and the pool it targets, put in
     * either order). Costs the size of the changes plus a copy of each changed list when they only put entities
     * (see {@link CatalogEdit}).
     *
     * @throws EntityNotFoundException  if a delete names an entity that is not there at that point
     * @throws IllegalArgumentException if the result breaks a rule of {@link Catalog}
     */
    static Catalog applyAll(Catalog catalog, List<CatalogChange> changes) {
        if (changes.isEmpty()) {
            return catalog;
        }
        CatalogEdit edit = catalog.edit();
        for (CatalogChange change : changes) {
            boolean found = true;
            if (change instanceof PutTeam p) {
                edit.putTeam(p.team());
            } else if (change instanceof DeleteTeam d) {
                found = edit.deleteTeam(d.id());
            } else if (change instanceof PutApi p) {
                edit.putApi(p.api());
            } else if (change instanceof DeleteApi d) {
                found = edit.deleteApi(d.id());
            } else if (change instanceof PutPool p) {
                edit.putPool(p.pool());
            } else if (change instanceof DeletePool d) {
                found = edit.deletePool(d.id());
            } else if (change instanceof PutConsumer p) {
                edit.putConsumer(p.consumer());
            } else if (change instanceof DeleteConsumer d) {
                found = edit.deleteConsumer(d.id());
            } else if (change instanceof PutSubscription p) {
                edit.putSubscription(p.subscription());
            } else if (change instanceof DeleteSubscription d) {
                found = edit.deleteSubscription(d.consumer(), d.api());
            } else if (change instanceof PutComposite p) {
                edit.putComposite(p.composite());
            } else if (change instanceof DeleteComposite d) {
                found = edit.deleteComposite(d.id());
            }
            if (!found) {
                throw new EntityNotFoundException(change.entityType(), change.entityId());
            }
        }
        return edit.result();
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

    record PutComposite(Composite composite) implements CatalogChange {
        public PutComposite {
            Objects.requireNonNull(composite, "composite");
        }

        public String entityType() { return "composite"; }

        public String entityId() { return composite.id(); }

        public String action() { return "put"; }
    }

    record DeleteComposite(String id) implements CatalogChange {
        public DeleteComposite {
            Objects.requireNonNull(id, "id");
        }

        public String entityType() { return "composite"; }

        public String entityId() { return id; }

        public String action() { return "delete"; }
    }

    /** The id of a subscription in changes, URLs and the audit log: {@code consumer/api}. */
    static String subscriptionId(Subscription s) {
        return s.consumer() + "/" + s.api();
    }
}
