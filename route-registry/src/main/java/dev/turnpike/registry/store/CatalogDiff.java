package dev.turnpike.registry.store;

import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Composite;
import dev.turnpike.registry.model.Consumer;
import dev.turnpike.registry.model.Subscription;
import dev.turnpike.registry.model.Team;
import dev.turnpike.registry.model.UpstreamPool;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
        return between(Entities.of(current), Entities.of(desired), prune);
    }

    /**
     * The diff {@link #between between(before, after, true)} gives when {@code after} is {@code before} with
     * {@code changes} applied ({@link CatalogChange#applyAll}), found by comparing only the entities the changes
     * name: the net effect of a write, at the cost of the write rather than of the catalog.
     */
    static CatalogDiff ofChanges(Catalog before, Catalog after, List<CatalogChange> changes) {
        return between(Entities.named(before, changes), Entities.named(after, changes), true);
    }

    private static CatalogDiff between(Entities current, Entities desired, boolean prune) {
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
                        }, prune),
                kind(current.composites(), desired.composites(), Composite::id, CatalogChange.PutComposite::new,
                        CatalogChange.DeleteComposite::new, prune));
        List<CatalogChange> created = new ArrayList<>();
        List<CatalogChange> updated = new ArrayList<>();
        List<CatalogChange> deleted = new ArrayList<>();
        for (CatalogDiff k : kinds) {
            created.addAll(k.created);
            updated.addAll(k.updated);
            deleted.addAll(0, k.deleted); // referrers (subscriptions, composites) go before what they refer to
        }
        return new CatalogDiff(created, updated, deleted);
    }

    /** Entities of a catalog by kind, or some of them: what a diff compares. */
    private record Entities(List<Team> teams, List<UpstreamPool> pools, List<Api> apis, List<Consumer> consumers,
                            List<Subscription> subscriptions, List<Composite> composites) {
        static Entities of(Catalog c) {
            return new Entities(c.teams(), c.pools(), c.apis(), c.consumers(), c.subscriptions(), c.composites());
        }

        /** The entities of {@code c} that {@code changes} name (those it has), each once, in the order named. */
        static Entities named(Catalog c, List<CatalogChange> changes) {
            Entities out = new Entities(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>(), new ArrayList<>());
            Set<String> seen = new HashSet<>();
            for (CatalogChange change : changes) {
                String id = change.entityId();
                if (!seen.add(change.entityType() + " " + id)) {
                    continue;
                }
                switch (change.entityType()) {
                    case "team" -> addIfThere(out.teams, c.team(id));
                    case "pool" -> addIfThere(out.pools, c.pool(id));
                    case "api" -> addIfThere(out.apis, c.api(id));
                    case "consumer" -> addIfThere(out.consumers, c.consumer(id));
                    case "composite" -> addIfThere(out.composites, c.composite(id));
                    default -> {
                        int slash = id.indexOf('/');
                        addIfThere(out.subscriptions, c.subscription(id.substring(0, slash), id.substring(slash + 1)));
                    }
                }
            }
            return out;
        }

        private static <T> void addIfThere(List<T> list, T entity) {
            if (entity != null) {
                list.add(entity);
            }
        }
    }

    /**
     * Every change, in an order in which each one keeps the references valid when the catalogs are valid: puts of
     * teams, pools, APIs, consumers, subscriptions, composites, then deletes in the reverse order of kinds.
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
