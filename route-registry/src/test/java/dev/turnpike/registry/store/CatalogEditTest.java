package dev.turnpike.registry.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Composite;
import dev.turnpike.registry.model.Consumer;
import dev.turnpike.registry.model.Subscription;
import dev.turnpike.registry.model.Team;
import dev.turnpike.registry.model.UpstreamPool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link CatalogChange#applyAll} checks only what a write puts when it can ({@code CatalogEdit}); this compares it,
 * over thousands of random writes, with the plain way: apply every change to maps by id and check the whole result
 * with the {@link Catalog} constructor. Same catalog, or the same refusal with the same message. The diff of the
 * touched entities must be the full diff, new entities in the order they are appended.
 */
class CatalogEditTest {
    @Test
    void incrementalEditsMatchCheckingTheWholeCatalog() {
        RandomChanges random = new RandomChanges(20261204L);
        Catalog catalog = Catalog.EMPTY;
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 5000; i++) {
            Catalog before = catalog;
            List<CatalogChange> changes = random.next(before);
            Object expected = outcome(() -> plainApply(before, changes));
            Object actual = outcome(() -> CatalogChange.applyAll(before, changes));
            assertThat(actual).as("write %d: %s", i, changes).isEqualTo(expected);
            if (actual instanceof Catalog changed) {
                CatalogDiff full = CatalogDiff.between(catalog, changed, true);
                CatalogDiff touched = CatalogDiff.ofChanges(catalog, changed, changes);
                assertThat(touched.created()).as("created by %s", changes)
                        .containsExactlyInAnyOrderElementsOf(full.created());
                // Appended rows must come in catalog order (subscriptions: within each consumer; they are regrouped)
                assertThat(creationOrder(touched.created())).as("creation order of %s", changes)
                        .isEqualTo(creationOrder(full.created()));
                assertThat(touched.updated()).as("updated by %s", changes)
                        .containsExactlyInAnyOrderElementsOf(full.updated()); // in place: order is moot
                assertThat(touched.deleted()).as("deleted by %s", changes)
                        .containsExactlyInAnyOrderElementsOf(full.deleted());
                assertThat(changed.api("missing")).isNull();
                indexFindsEveryEntity(changed); // the index may be derived from the base's
                for (Api was : before.apis()) { // a base path an API left is free (or another API's now)
                    Api at = changed.mountedAt(was.host(), was.basePath());
                    assertThat(at == null || at.basePath().equals(was.basePath()) && at.host().equals(was.host()))
                            .as("%s after %s", was.basePath(), changes).isTrue();
                }
                catalog = changed;
                accepted++;
            } else {
                refused++;
            }
        }
        assertThat(accepted).as("accepted writes").isGreaterThan(1000);
        assertThat(refused).as("refused writes").isGreaterThan(500);
    }

    @Test
    void untouchedKindsKeepTheirLists() {
        Catalog base = CatalogFixtures.full(3);
        Api first = base.apis().get(0);
        Api moved = Api.builder(first.id(), first.owner(), "/moved").targets(first.targets()).build();
        Catalog changed = CatalogChange.applyAll(base, List.of(new CatalogChange.PutApi(moved)));
        assertThat(changed.apis()).hasSameSizeAs(base.apis()).first().isSameAs(moved);
        assertThat(changed.apis().subList(1, base.apis().size())).isEqualTo(base.apis().subList(1, base.apis().size()));
        assertThat(changed.teams()).isSameAs(base.teams());
        assertThat(changed.pools()).isSameAs(base.pools());
        assertThat(changed.consumers()).isSameAs(base.consumers());
        assertThat(changed.subscriptions()).isSameAs(base.subscriptions());
        assertThat(CatalogChange.applyAll(base, List.of())).isSameAs(base);
    }

    private static void indexFindsEveryEntity(Catalog c) {
        c.teams().forEach(t -> assertThat(c.team(t.id())).isSameAs(t));
        c.apis().forEach(a -> assertThat(c.api(a.id())).isSameAs(a));
        c.apis().forEach(a -> assertThat(c.mountedAt(a.host(), a.basePath())).isSameAs(a));
        c.pools().forEach(p -> assertThat(c.pool(p.id())).isSameAs(p));
        c.consumers().forEach(k -> assertThat(c.consumer(k.id())).isSameAs(k));
        c.subscriptions().forEach(s -> assertThat(c.subscription(s.consumer(), s.api())).isSameAs(s));
        c.composites().forEach(k -> assertThat(c.composite(k.id())).isSameAs(k));
        assertThat(c.mountedAt(java.util.Optional.empty(), "/nowhere")).isNull();
        assertThat(c.team("missing")).isNull();
        assertThat(c.subscription("missing", "missing")).isNull();
    }

    /** Created entities' ids by kind (subscriptions: by kind and consumer), each in the order they come. */
    private static Map<String, List<String>> creationOrder(List<CatalogChange> created) {
        Map<String, List<String>> order = new LinkedHashMap<>();
        for (CatalogChange c : created) {
            String group = c instanceof CatalogChange.PutSubscription p
                    ? "subscription " + p.subscription().consumer() : c.entityType();
            order.computeIfAbsent(group, g -> new ArrayList<>()).add(c.entityId());
        }
        return order;
    }

    private interface Attempt {
        Catalog run();
    }

    /** The catalog, or the refusal as {@code kind: message}. */
    private static Object outcome(Attempt attempt) {
        try {
            return attempt.run();
        } catch (EntityNotFoundException e) {
            return "not found: " + e.entityType() + " " + e.id();
        } catch (IllegalArgumentException e) {
            return "refused: " + e.getMessage();
        }
    }

    private static Catalog plainApply(Catalog catalog, List<CatalogChange> changes) {
        Map<String, Team> teams = byId(catalog.teams(), Team::id);
        Map<String, Api> apis = byId(catalog.apis(), Api::id);
        Map<String, UpstreamPool> pools = byId(catalog.pools(), UpstreamPool::id);
        Map<String, Consumer> consumers = byId(catalog.consumers(), Consumer::id);
        Map<String, Subscription> subscriptions = byId(catalog.subscriptions(), CatalogChange::subscriptionId);
        Map<String, Composite> composites = byId(catalog.composites(), Composite::id);
        for (CatalogChange change : changes) {
            if (change instanceof CatalogChange.PutTeam p) {
                teams.put(p.team().id(), p.team());
            } else if (change instanceof CatalogChange.PutApi p) {
                apis.put(p.api().id(), p.api());
            } else if (change instanceof CatalogChange.PutPool p) {
                pools.put(p.pool().id(), p.pool());
            } else if (change instanceof CatalogChange.PutConsumer p) {
                consumers.put(p.consumer().id(), p.consumer());
            } else if (change instanceof CatalogChange.PutSubscription p) {
                subscriptions.put(change.entityId(), p.subscription());
            } else if (change instanceof CatalogChange.PutComposite p) {
                composites.put(p.composite().id(), p.composite());
            } else {
                Map<String, ?> kind = switch (change.entityType()) {
                    case "team" -> teams;
                    case "api" -> apis;
                    case "pool" -> pools;
                    case "consumer" -> consumers;
                    case "composite" -> composites;
                    default -> subscriptions;
                };
                if (kind.get(change.entityId()) == null) {
                    throw new EntityNotFoundException(change.entityType(), change.entityId());
                }
                kind.put(change.entityId(), null); // a hole a later put fills: the position is kept
            }
        }
        return new Catalog(present(teams), present(apis), present(pools), present(consumers), present(subscriptions),
                present(composites));
    }

    private static <T> Map<String, T> byId(List<T> list, Function<T, String> id) {
        Map<String, T> map = new LinkedHashMap<>();
        list.forEach(t -> map.put(id.apply(t), t));
        return map;
    }

    private static <T> List<T> present(Map<String, T> map) {
        List<T> list = new ArrayList<>();
        map.values().forEach(t -> {
            if (t != null) {
                list.add(t);
            }
        });
        return list;
    }
}
