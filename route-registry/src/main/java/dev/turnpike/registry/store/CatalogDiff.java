package dev.turnpike.registry.store;

import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Consumer;
import dev.turnpike.registry.model.Subscription;
import dev.turnpike.registry.model.Team;
import dev.turnpike.registry.model.UpstreamPool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What it takes to make one catalog equal to another, entity by entity: the changes {@code turnpike apply} makes
 * and {@code turnpike diff} shows. Entities that are equal in both are not touched, so applying a catalog twice
 * changes nothing the second time.
 *
 * <pre>{@code
 * CatalogDiff diff = CatalogDiff.between(stored, fromFile, false); // keep what the file does not mention
 * store.apply(base, diff.changes(), "ci");
 * }</pre>
 *
 * @param created puts of entities {@code current} does not have
 * @param updated puts of entities that differ
 * @param deleted deletes of entities {@code desired} does not have (empty unless pruning)
 */
public record CatalogDiff(List<CatalogChange> created, List<CatalogChange> updated, List<CatalogChange> deleted) {
    public CatalogDiff {
        created = List.copyOf(created);
        updated = List.copyOf(updated);
        deleted = List.copyOf(deleted);
    }

    /**
     * The changes from {@code current} to {@code desired}.
     *
     * @param prune whether entities of {@code current} that {@code desired} lacks are deleted; without it they
     *              are kept, and the result of applying the diff is {@code desired} plus those entities
     */
    public static CatalogDiff between(Catalog current, Catalog desired, boolean prune) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(desired, "desired");
        List<CatalogDiff> kinds = List.of(
                kind(current.teams(), desired.teams(), Team::id, CatalogChange.PutTeam::new,
                        CatalogChange.DeleteTeam::new, prune),
                kind(current.pools(), desired.pools(), UpstreamPool::id, CatalogChange.PutPool::new,
                        CatalogChange.DeletePool::new, prune),
                kind(current.apis(), desired.apis(), Api::id, CatalogChange.PutApi::new,
                        CatalogChange.DeleteApi::new, prune),
                kind(current.consumers(), desired.consumers(), Consumer::id, CatalogChange.PutConsumer::new,
                        CatalogChange.DeleteConsumer::new, prune),
                kind(current.subscriptions(), desired.subscriptions(), CatalogChange::subscriptionId,
                        CatalogChange.PutSubscription::new, id -> {
                            int slash = id.indexOf('/');
                            return new CatalogChange.DeleteSubscription(id.substring(0, slash),
                                    id.substring(slash + 1));
                        }, prune));
        List<CatalogChange> created = new ArrayList<>();
        List<CatalogChange> updated = new ArrayList<>();
        List<CatalogChange> deleted = new ArrayList<>();
        for (CatalogDiff k : kinds) {
            created.addAll(k.created);
            updated.addAll(k.updated);
            deleted.addAll(0, k.deleted); // referrers (subscriptions) go before what they refer to (APIs)
        }
        return new CatalogDiff(created, updated, deleted);
    }

    /**
     * The diff {@link #between between(before, after, true)} gives when {@code after} is {@code before} with
     * {@code changes} applied ({@link CatalogChange#applyAll}), found by looking at only the entities the changes
     * name: the net effect of a write, at the cost of the write rather than of the catalog.
     */
    static CatalogDiff ofChanges(Catalog before, Catalog after, List<CatalogChange> changes) {
        List<CatalogChange> created = new ArrayList<>();
        List<CatalogChange> updated = new ArrayList<>();
        List<CatalogChange> deleted = new ArrayList<>();
        for (String kind : KINDS) {
            Map<String, CatalogChange> touched = new LinkedHashMap<>(); // first change of each entity, in order
            changes.stream().filter(c -> c.entityType().equals(kind)).forEach(c -> touched.putIfAbsent(c.entityId(), c));
            List<CatalogChange> deletes = new ArrayList<>();
            for (CatalogChange change : touched.values()) {
                Object old = entity(before, change);
                Object now = entity(after, change);
                if (old == null && now != null) {
                    created.add(put(now));
                } else if (old != null && now == null) {
                    deletes.add(delete(change));
                } else if (old != null && !old.equals(now)) {
                    updated.add(put(now));
                }
            }
            deleted.addAll(0, deletes); // referrers (subscriptions) go before what they refer to (APIs)
        }
        return new CatalogDiff(created, updated, deleted);
    }

    /** Kinds of entities in reference order: each refers only to kinds before it. */
    private static final List<String> KINDS = List.of("team", "pool", "api", "consumer", "subscription");

    private static Object entity(Catalog catalog, CatalogChange change) {
        return switch (change.entityType()) {
            case "team" -> catalog.team(change.entityId());
            case "pool" -> catalog.pool(change.entityId());
            case "api" -> catalog.api(change.entityId());
            case "consumer" -> catalog.consumer(change.entityId());
            default -> {
                String id = change.entityId();
                int slash = id.indexOf('/');
                yield catalog.subscription(id.substring(0, slash), id.substring(slash + 1));
            }
        };
    }

    private static CatalogChange put(Object entity) {
        if (entity instanceof Team t) {
            return new CatalogChange.PutTeam(t);
        } else if (entity instanceof UpstreamPool p) {
            return new CatalogChange.PutPool(p);
        } else if (entity instanceof Api a) {
            return new CatalogChange.PutApi(a);
        } else if (entity instanceof Consumer c) {
            return new CatalogChange.PutConsumer(c);
        }
        return new CatalogChange.PutSubscription((Subscription) entity);
    }

    private static CatalogChange delete(CatalogChange change) {
        if (change.action().equals("delete")) {
            return change;
        }
        return switch (change.entityType()) {
            case "team" -> new CatalogChange.DeleteTeam(change.entityId());
            case "pool" -> new CatalogChange.DeletePool(change.entityId());
            case "api" -> new CatalogChange.DeleteApi(change.entityId());
            case "consumer" -> new CatalogChange.DeleteConsumer(change.entityId());
            default -> {
                CatalogChange.PutSubscription p = (CatalogChange.PutSubscription) change;
                yield new CatalogChange.DeleteSubscription(p.subscription().consumer(), p.subscription().api());
            }
        };
    }

    /**
     * Every change, in an order in which each one keeps the references valid when the catalogs are valid: puts of
     * teams, pools, APIs, consumers, subscriptions, then deletes in the reverse order of kinds.
     */
    public List<CatalogChange> changes() {
        List<CatalogChange> all = new ArrayList<>(created);
        all.addAll(updated);
        all.addAll(deleted);
        return all;
    }

    /** Whether the catalogs are already equal (as far as this diff goes). */
    public boolean isEmpty() {
        return created.isEmpty() && updated.isEmpty() && deleted.isEmpty();
    }

    /** One line per change, {@code + api orders}, {@code ~ pool blue}, {@code - consumer batch}. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        created.forEach(c -> lines.add("+ " + c.entityType() + " " + c.entityId()));
        updated.forEach(c -> lines.add("~ " + c.entityType() + " " + c.entityId()));
        deleted.forEach(c -> lines.add("- " + c.entityType() + " " + c.entityId()));
        return lines;
    }

    private static <T> CatalogDiff kind(List<T> current, List<T> desired, Function<T, String> id,
                                        Function<T, CatalogChange> put, Function<String, CatalogChange> delete,
                                        boolean prune) {
        Map<String, T> before = new LinkedHashMap<>();
        current.forEach(t -> before.put(id.apply(t), t));
        List<CatalogChange> created = new ArrayList<>();
        List<CatalogChange> updated = new ArrayList<>();
        for (T t : desired) {
            T old = before.remove(id.apply(t));
            if (old == null) {
                created.add(put.apply(t));
            } else if (!old.equals(t)) {
                updated.add(put.apply(t));
            }
        }
        List<CatalogChange> deleted = new ArrayList<>();
        if (prune) {
            before.keySet().forEach(k -> deleted.add(delete.apply(k)));
        }
        return new CatalogDiff(created, updated, deleted);
    }
}
