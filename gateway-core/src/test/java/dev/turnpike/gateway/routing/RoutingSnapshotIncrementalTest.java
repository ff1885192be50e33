package dev.turnpike.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiPolicies;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Criticality;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.Lifecycle;
import dev.turnpike.registry.model.RateLimit;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.Target;
import dev.turnpike.registry.model.UpstreamPool;
import dev.turnpike.registry.store.VersionedCatalog;
import dev.turnpike.throttling.RateLimitPlan;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A snapshot built as an update of the previous one must match every request exactly like one built from scratch:
 * random catalogs (hosts, nested and root base paths, params, catch-alls, trailing slashes, deprecations, pool
 * changes, APIs moved to other places in the list) go through hundreds of random changes, and after each both
 * snapshots answer the same probes.
 */
class RoutingSnapshotIncrementalTest {
    private static final List<String> HOSTS = List.of("", "", "", "a.example", "b.example");
    private static final List<String> BASES = List.of("/", "/a", "/a/b", "/b", "/c", "/c/d", "/x", "/y", "/z");
    private static final List<String> TEMPLATES = List.of("/", "/**", "/items", "/items/", "/items/{id}",
            "/items/{id}/parts/{part}", "/items/{id}/**", "/{p}", "/{p}/items", "/{p}/{q}", "/b/{id}", "/d",
            "/d/**", "/orders/{o}/lines");
    private static final List<String> METHODS = List.of("GET", "POST", "*");
    private static final List<String> SEGMENTS = List.of("a", "b", "c", "d", "x", "y", "z", "items", "parts",
            "orders", "lines", "7", "");

    private final Random random = new Random(20240611);

    @Test
    void updatedSnapshotsMatchLikeSnapshotsBuiltFromScratch() {
        int checked = 0;
        for (int round = 0; round < 20; round++) {
            Catalog catalog = randomCatalog();
            RoutingSnapshot live = RoutingSnapshot.build(new VersionedCatalog(1, catalog));
            for (int change = 0; change < 30; change++) {
                Catalog next = mutate(catalog);
                VersionedCatalog versioned = new VersionedCatalog(live.version() + 1, next);
                RoutingSnapshot scratch;
                try {
                    scratch = RoutingSnapshot.build(versioned);
                } catch (IllegalArgumentException clash) {
                    RoutingSnapshot previous = live;
                    assertThatThrownBy(() -> RoutingSnapshot.build(versioned, previous))
                            .isInstanceOf(IllegalArgumentException.class).hasMessage(clash.getMessage());
                    continue;
                }
                RoutingSnapshot updated = RoutingSnapshot.build(versioned, live);
                assertSameMatches(next, scratch, updated);
                assertUnchangedApisReused(catalog, next, live, updated);
                catalog = next;
                live = updated;
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(300);
    }

    /**
     * Many base paths coming and going under one host root: its literal table grows past its capacity several
     * times, loses most keys (shrinks), gets removed keys back, and the group map folds its layers.
     */
    @Test
    void basePathsAddedRemovedAndAddedAgainMatchLikeSnapshotsBuiltFromScratch() {
        List<Api> apis = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            apis.add(mountedApi("s" + i, i % 3 == 0 ? "" : "h.example", "/s" + i));
        }
        Catalog catalog = new Catalog(apis, pools(1));
        RoutingSnapshot live = RoutingSnapshot.build(new VersionedCatalog(1, catalog));
        int next = 5;
        for (int step = 0; step < 120; step++) {
            List<Api> changed = new ArrayList<>(catalog.apis());
            int phase = step % 40;
            if (phase < 15) {
                int adds = 1 + random.nextInt(40);
                for (int a = 0; a < adds; a++, next++) {
                    changed.add(mountedApi("s" + next, next % 3 == 0 ? "" : "h.example", "/s" + next));
                }
            } else if (phase < 30) {
                int removes = Math.min(changed.size() - 1, 1 + random.nextInt(40));
                for (int r = 0; r < removes; r++) {
                    changed.remove(random.nextInt(changed.size()));
                }
            } else {
                // a removed base path comes back, under a new or the old id, or an API moves to another one
                int moves = 1 + random.nextInt(10);
                for (int m = 0; m < moves; m++) {
                    int i = random.nextInt(changed.size());
                    int back = random.nextInt(next);
                    Api moved = mountedApi(random.nextBoolean() ? changed.get(i).id() : "s" + back + "-again",
                            back % 3 == 0 ? "" : "h.example", "/s" + back);
                    changed.removeIf(a -> a.id().equals(moved.id())
                            || (a.host().equals(moved.host()) && a.basePath().equals(moved.basePath())));
                    changed.add(moved);
                }
            }
            Catalog after = new Catalog(changed, pools(1));
            VersionedCatalog versioned = new VersionedCatalog(live.version() + 1, after);
            RoutingSnapshot scratch = RoutingSnapshot.build(versioned);
            RoutingSnapshot updated = RoutingSnapshot.build(versioned, live);

            assertSameMatches(after, scratch, updated);
            assertSameMatches(catalog, scratch, updated);
            catalog = after;
            live = updated;
        }
    }

    @Test
    void updateKeepsTheConsumerDirectoryUnlessARateLimitChanged() {
        Api limited = mountedApi("limited", "", "/limited").toBuilder()
                .policies(ApiPolicies.NONE.withRateLimit(new RateLimit(5, 5))).build();
        Api other = mountedApi("other", "", "/other");
        RoutingSnapshot live = RoutingSnapshot.build(new VersionedCatalog(1, new Catalog(List.of(limited, other),
                pools(1))));

        Api otherMoved = mountedApi("other", "", "/moved");
        RoutingSnapshot routesChanged = RoutingSnapshot.build(new VersionedCatalog(2,
                new Catalog(List.of(limited, otherMoved), pools(1))), live);
        Api faster = limited.toBuilder().policies(ApiPolicies.NONE.withRateLimit(new RateLimit(8, 8))).build();
        RoutingSnapshot limitChanged = RoutingSnapshot.build(new VersionedCatalog(3,
                new Catalog(List.of(faster, otherMoved), pools(1))), routesChanged);
        RoutingSnapshot limitRemoved = RoutingSnapshot.build(new VersionedCatalog(4,
                new Catalog(List.of(otherMoved), pools(1))), limitChanged);

        assertThat(routesChanged.consumers()).isSameAs(live.consumers());
        assertThat(limitChanged.consumers().defaultPlan("limited")).isEqualTo(RateLimitPlan.of(8, 8));
        assertThat(limitRemoved.consumers().defaultPlan("limited")).isNull();
    }

    @Test
    void unchangedCatalogKeepsTheRouteTable() {
        Catalog catalog = randomCatalog();
        RoutingSnapshot first = RoutingSnapshot.build(new VersionedCatalog(1, catalog));
        RoutingSnapshot second = RoutingSnapshot.build(new VersionedCatalog(2, catalog), first);

        assertThat(second.version()).isEqualTo(2);
        assertThat(second.routeCount()).isEqualTo(first.routeCount());
        assertThat(second.pools()).isEqualTo(first.pools());
        for (Api api : catalog.apis()) {
            Route r = api.routes().get(0);
            String path = concrete(ApiRoute.fullTemplate(api, r));
            String host = api.host().orElse("any.example");
            assertThat(second.match(host, "GET", path) == null ? null : second.match(host, "GET", path).value())
                    .isSameAs(first.match(host, "GET", path) == null ? null : first.match(host, "GET", path).value());
        }
    }

    private static void assertSameMatches(Catalog catalog, RoutingSnapshot scratch, RoutingSnapshot updated) {
        assertThat(updated.routeCount()).isEqualTo(scratch.routeCount());
        assertThat(updated.pools().keySet()).isEqualTo(scratch.pools().keySet());
        for (String[] probe : probes(catalog)) {
            String host = probe[0];
            String path = probe[1];
            for (String method : List.of("GET", "POST", "DELETE")) {
                RouteMatch<ApiRoute> a = scratch.match(host, method, path);
                RouteMatch<ApiRoute> b = updated.match(host, method, path);
                String what = method + " " + host + path;
                assertThat(b == null).as(what).isEqualTo(a == null);
                if (a != null) {
                    assertThat(b.value().api()).as(what).isEqualTo(a.value().api());
                    assertThat(b.value().route()).as(what).isEqualTo(a.value().route());
                    assertThat(b.value().lifecycle()).as(what).isEqualTo(a.value().lifecycle());
                    assertThat(b.pathParams(path)).as(what).isEqualTo(a.pathParams(path));
                    assertThat(b.value().pools().pick().id()).as(what)
                            .isEqualTo(a.value().pools().pick().id());
                }
            }
            assertThat(updated.allowedMethods(host, path)).as(host + path)
                    .isEqualTo(scratch.allowedMethods(host, path));
        }
    }

    /** An API equal to before, with the same pools, keeps its compiled route objects. */
    private static void assertUnchangedApisReused(Catalog before, Catalog after, RoutingSnapshot previous,
                                                  RoutingSnapshot updated) {
        Map<String, Api> old = new HashMap<>();
        before.apis().forEach(a -> old.put(a.id(), a));
        for (Api api : after.apis()) {
            Api was = old.get(api.id());
            boolean samePools = api.targets().stream()
                    .allMatch(t -> previous.pool(t.pool()) == updated.pool(t.pool()));
            if (api.equals(was) && samePools && api.lifecycle() == Lifecycle.ACTIVE) {
                assertThat(updated.routesOf(api.id())).as(api.id()).isSameAs(previous.routesOf(api.id()));
            }
        }
    }

    private static List<String[]> probes(Catalog catalog) {
        Set<String> hosts = new LinkedHashSet<>(List.of("a.example", "B.example:8080", "c.example"));
        Set<String> paths = new LinkedHashSet<>();
        for (Api api : catalog.apis()) {
            for (Route r : api.routes()) {
                String full = concrete(ApiRoute.fullTemplate(api, r));
                paths.add(full);
                paths.add(full.endsWith("/") ? full + "x" : full + "/");
                paths.add(full + "/more/7");
            }
        }
        for (String a : SEGMENTS) {
            paths.add("/" + a);
            for (String b : SEGMENTS) {
                paths.add("/" + a + "/" + b);
                paths.add("/" + a + "/" + b + "/items/7");
            }
        }
        List<String[]> out = new ArrayList<>();
        for (String h : hosts) {
            for (String p : paths) {
                out.add(new String[] {h, p});
            }
        }
        return out;
    }

    /** A path the template matches; each {@code {param}} gets its own value, so a param in the wrong slot shows. */
    private static String concrete(String template) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{[^}]+}").matcher(template);
        StringBuilder out = new StringBuilder();
        int value = 7;
        while (m.find()) {
            m.appendReplacement(out, Integer.toString(value++));
        }
        m.appendTail(out);
        return out.toString().replace("/**", "/rest");
    }

    private Catalog randomCatalog() {
        while (true) {
            List<Api> apis = new ArrayList<>();
            int n = 5 + random.nextInt(20);
            for (int i = 0; i < n; i++) {
                apis.add(randomApi("api" + i, apis));
            }
            try {
                return new Catalog(apis, pools(1));
            } catch (IllegalArgumentException duplicateMount) {
                // two APIs on the same host and base path: draw again
            }
        }
    }

    private Catalog mutate(Catalog catalog) {
        while (true) {
            List<Api> apis = new ArrayList<>(catalog.apis());
            List<UpstreamPool> pools = catalog.pools();
            int changes = 1 + random.nextInt(3);
            for (int c = 0; c < changes; c++) {
                int kind = random.nextInt(12);
                if (kind < 4 && !apis.isEmpty()) {
                    int i = random.nextInt(apis.size());
                    apis.set(i, randomApi(apis.get(i).id(), apis));
                } else if (kind < 6) {
                    apis.add(randomApi("new" + random.nextInt(1_000_000), apis));
                } else if (kind < 8 && apis.size() > 1) {
                    apis.remove(random.nextInt(apis.size()));
                } else if (kind < 9) {
                    pools = pools(1 + random.nextInt(3));
                } else if (kind < 10 && !apis.isEmpty()) {
                    int i = random.nextInt(apis.size());
                    apis.set(i, apis.get(i).toBuilder().build());
                } else if (kind < 11 && apis.size() > 1) {
                    // the same API objects in another order
                    apis.add(random.nextInt(apis.size()), apis.remove(random.nextInt(apis.size())));
                } else if (apis.size() > 2) {
                    int from = random.nextInt(apis.size() - 1);
                    Collections.shuffle(apis.subList(from, from + 2 + random.nextInt(apis.size() - from - 1)),
                            random);
                }
            }
            try {
                return new Catalog(apis, pools);
            } catch (IllegalArgumentException invalid) {
                // duplicate mount, or a successor that is gone: draw again
            }
        }
    }

    private Api randomApi(String id, List<Api> others) {
        String host = HOSTS.get(random.nextInt(HOSTS.size()));
        String base = BASES.get(random.nextInt(BASES.size()));
        Set<Route> routes = new LinkedHashSet<>();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            routes.add(new Route(METHODS.get(random.nextInt(METHODS.size())),
                    TEMPLATES.get(random.nextInt(TEMPLATES.size()))));
        }
        boolean deprecated = random.nextInt(5) == 0 && !others.isEmpty();
        Optional<String> successor = deprecated && random.nextBoolean()
                ? Optional.of(others.get(random.nextInt(others.size())).id()).filter(s -> !s.equals(id))
                : Optional.empty();
        String pool = "p" + random.nextInt(2);
        return new Api(id, id, "v1", "team", "", host.isEmpty() ? Optional.empty() : Optional.of(host), base, "/",
                deprecated ? Lifecycle.DEPRECATED : Lifecycle.ACTIVE,
                deprecated ? Optional.of(LocalDate.of(2030, 1, 1 + random.nextInt(28))) : Optional.empty(),
                successor, Criticality.STANDARD, ApiPolicies.NONE, Optional.empty(),
                List.of(new Target(pool, 1)), new ArrayList<>(routes));
    }

    private Api mountedApi(String id, String host, String base) {
        List<Route> routes = new ArrayList<>(List.of(new Route("GET", "/items/{id}")));
        if (random.nextBoolean()) {
            routes.add(new Route("*", "/**"));
        }
        return new Api(id, id, "v1", "team", "", host.isEmpty() ? Optional.empty() : Optional.of(host), base, "/",
                Lifecycle.ACTIVE, Optional.empty(), Optional.empty(), Criticality.STANDARD, ApiPolicies.NONE,
                Optional.empty(), List.of(new Target("p" + random.nextInt(2), 1)), routes);
    }

    private static List<UpstreamPool> pools(int port) {
        return List.of(UpstreamPool.of("p0", List.of(new Instance("127.0.0.1", 9000 + port, 1))),
                UpstreamPool.of("p1", List.of(new Instance("127.0.0.1", 9100, 1))));
    }
}
