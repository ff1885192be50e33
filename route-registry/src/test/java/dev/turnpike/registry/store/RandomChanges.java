package dev.turnpike.registry.store;

import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiBuilder;
import dev.turnpike.registry.model.ApiPolicies;
import dev.turnpike.registry.model.ApiSpec;
import dev.turnpike.registry.model.Balancer;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Composite;
import dev.turnpike.registry.model.CompositePart;
import dev.turnpike.registry.model.Lifecycle;
import dev.turnpike.registry.model.PartRequest;
import dev.turnpike.registry.model.CircuitBreakerPolicy;
import dev.turnpike.registry.model.Consumer;
import dev.turnpike.registry.model.ConsumerState;
import dev.turnpike.registry.model.Criticality;
import dev.turnpike.registry.model.HealthCheck;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.OutlierDetection;
import dev.turnpike.registry.model.Plan;
import dev.turnpike.registry.model.PoolSettings;
import dev.turnpike.registry.model.PoolTls;
import dev.turnpike.registry.model.RateLimit;
import dev.turnpike.registry.model.RetryPolicy;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.Subscription;
import dev.turnpike.registry.model.Target;
import dev.turnpike.registry.model.Team;
import dev.turnpike.registry.model.UpstreamPool;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

/**
 * Random entity changes for store tests: puts of new and existing ids, deletes of existing and missing ones, over a
 * small id space so that replacements, re-creations, and broken references (a target naming a missing pool, a base
 * path taken twice, a deleted team still owning an API) all happen often. Deterministic for a seed.
 */
final class RandomChanges {
    private static final List<ApiSpec> SPECS = List.of(ApiSpec.parse(spec("one", 1)), ApiSpec.parse(spec("two", 3)));

    private final Random random;

    RandomChanges(long seed) {
        this.random = new Random(seed);
    }

    /** One to three changes against {@code catalog}; some of them are refused by {@link CatalogChange#applyAll}. */
    List<CatalogChange> next(Catalog catalog) {
        int n = 1 + random.nextInt(3);
        List<CatalogChange> changes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            changes.add(change(catalog));
        }
        return changes;
    }

    private CatalogChange change(Catalog c) {
        boolean delete = random.nextInt(4) == 0;
        switch (random.nextInt(6)) {
            case 0:
                return delete ? new CatalogChange.DeleteTeam(pick(c.teams().stream().map(Team::id).toList(), "team", 4))
                        : new CatalogChange.PutTeam(team());
            case 1:
                return delete ? new CatalogChange.DeletePool(pick(c.pools().stream().map(UpstreamPool::id).toList(),
                        "pool", 5)) : new CatalogChange.PutPool(pool());
            case 2:
                return delete ? new CatalogChange.DeleteApi(pick(c.apis().stream().map(Api::id).toList(), "api", 8))
                        : new CatalogChange.PutApi(api(c));
            case 3:
                return delete ? new CatalogChange.DeleteConsumer(pick(c.consumers().stream().map(Consumer::id)
                        .toList(), "consumer", 4)) : new CatalogChange.PutConsumer(consumer(c));
            case 5:
                return delete ? new CatalogChange.DeleteComposite(pick(c.composites().stream().map(Composite::id)
                        .toList(), "page", 3)) : new CatalogChange.PutComposite(composite(c));
            default:
                if (delete && !c.subscriptions().isEmpty() && random.nextInt(5) > 0) {
                    Subscription s = c.subscriptions().get(random.nextInt(c.subscriptions().size()));
                    return new CatalogChange.DeleteSubscription(s.consumer(), s.api());
                }
                return delete ? new CatalogChange.DeleteSubscription(id("consumer", 4), id("api", 8))
                        : new CatalogChange.PutSubscription(subscription(c));
        }
    }

    /** Mostly an existing id (the delete works), sometimes any id of the space (it may not exist). */
    private String pick(List<String> existing, String prefix, int space) {
        return !existing.isEmpty() && random.nextInt(5) > 0 ? existing.get(random.nextInt(existing.size()))
                : id(prefix, space);
    }

    private String id(String prefix, int space) {
        return prefix + "-" + random.nextInt(space);
    }

    private Team team() {
        return new Team(id("team", 4), "Team " + random.nextInt(100), random.nextBoolean() ? "t@example.com" : "",
                "#" + random.nextInt(1000));
    }

    private UpstreamPool pool() {
        List<Instance> instances = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            instances.add(new Instance("10.0." + random.nextInt(4) + "." + i, 8000 + random.nextInt(100),
                    1 + random.nextInt(5)));
        }
        PoolSettings settings = random.nextBoolean() ? PoolSettings.DEFAULTS
                : new PoolSettings(1 + random.nextInt(50), random.nextInt(10), Duration.ofMillis(1 + random.nextInt(900)),
                Duration.ofSeconds(1 + random.nextInt(30)), Duration.ofSeconds(1 + random.nextInt(60)),
                Duration.ofMillis(random.nextInt(5000)));
        OutlierDetection outliers = random.nextBoolean() ? OutlierDetection.DEFAULTS
                : new OutlierDetection(random.nextInt(10), Duration.ofSeconds(1 + random.nextInt(600)),
                random.nextInt(101));
        Optional<HealthCheck> healthCheck = random.nextBoolean() ? Optional.empty()
                : Optional.of(HealthCheck.of("/h" + random.nextInt(3)));
        Optional<PoolTls> tls = switch (random.nextInt(3)) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(PoolTls.DEFAULTS);
            default -> Optional.of(PoolTls.DEFAULTS.withCa("/ca" + random.nextInt(3) + ".pem")
                    .withVerifyHostname(random.nextBoolean()).withServerName("s" + random.nextInt(3) + ".internal"));
        };
        return new UpstreamPool(id("pool", 5), instances, Balancer.values()[random.nextInt(Balancer.values().length)],
                tls, settings, outliers, healthCheck);
    }

    private Api api(Catalog c) {
        String id = id("api", 8);
        ApiBuilder b = Api.builder(id, owner(c), "/b" + random.nextInt(12))
                .name("API " + random.nextInt(100))
                .version("v" + random.nextInt(3))
                .criticality(random.nextInt(4) == 0 ? Criticality.CRITICAL : Criticality.STANDARD);
        List<Target> targets = new ArrayList<>();
        List<String> pools = new ArrayList<>(c.pools().stream().map(UpstreamPool::id).toList());
        if (pools.isEmpty() || random.nextInt(10) == 0) {
            pools.add(id("pool", 5)); // may name a missing pool
        }
        targets.add(new Target(pools.get(random.nextInt(pools.size())), 1 + random.nextInt(100)));
        String second = pools.get(random.nextInt(pools.size()));
        if (random.nextBoolean() && !second.equals(targets.get(0).pool())) {
            targets.add(new Target(second, random.nextInt(100)));
        }
        b.targets(targets);
        if (random.nextInt(3) == 0) {
            b.spec(SPECS.get(random.nextInt(SPECS.size())));
        } else if (random.nextBoolean()) {
            b.routes(List.of(new Route("GET", "/r" + random.nextInt(3)), new Route("*", "/w/**")));
        }
        if (random.nextInt(5) == 0) {
            String successor = id("api", 8);
            if (!successor.equals(id)) {
                b.deprecated(LocalDate.of(2030, 1 + random.nextInt(12), 1), successor);
            }
        }
        if (random.nextBoolean()) {
            b.policies(ApiPolicies.NONE.withTimeout(Duration.ofMillis(1 + random.nextInt(5000)))
                    .withRetry(new RetryPolicy(1 + random.nextInt(3), random.nextBoolean(), List.of(503),
                            List.of("GET")))
                    .withCircuitBreaker(new CircuitBreakerPolicy(50, 10 + random.nextInt(10), Duration.ofSeconds(5)))
                    .withRateLimit(new RateLimit(1 + random.nextInt(100), 100 + random.nextInt(100))));
        }
        return b.build();
    }

    /** A declared team when there are teams (else any: a catalog without teams accepts any), sometimes a missing one. */
    private String owner(Catalog c) {
        if (c.teams().isEmpty() || random.nextInt(10) == 0) {
            return id("team", 4);
        }
        return c.teams().get(random.nextInt(c.teams().size())).id();
    }

    /** A composite over one or two APIs of the catalog (sometimes a missing one), the second maybe waiting. */
    private Composite composite(Catalog c) {
        List<String> apis = new ArrayList<>(c.apis().stream().map(Api::id).toList());
        if (apis.isEmpty() || random.nextInt(10) == 0) {
            apis.add(id("api", 8));
        }
        List<CompositePart> parts = new ArrayList<>();
        parts.add(new CompositePart("first", apis.get(random.nextInt(apis.size())),
                PartRequest.of("GET", "/items/{id}"), false, Optional.empty()));
        if (random.nextBoolean()) {
            parts.add(new CompositePart("second", apis.get(random.nextInt(apis.size())),
                    PartRequest.of("GET", random.nextBoolean() ? "/x/{first.ref}" : "/y"), random.nextBoolean(),
                    random.nextBoolean() ? Optional.empty() : Optional.of(Duration.ofMillis(1 + random.nextInt(500)))));
        }
        return new Composite(id("page", 3), owner(c), "", Lifecycle.ACTIVE, "GET", "/p" + random.nextInt(5) + "/{id}",
                Duration.ofMillis(1 + random.nextInt(2000)), parts);
    }

    private Consumer consumer(Catalog c) {
        return new Consumer(id("consumer", 4), "Consumer " + random.nextInt(100), owner(c), "",
                random.nextInt(3) == 0 ? ConsumerState.SUSPENDED : ConsumerState.ACTIVE);
    }

    private Subscription subscription(Catalog c) {
        String consumer = c.consumers().isEmpty() || random.nextInt(10) == 0 ? id("consumer", 4)
                : c.consumers().get(random.nextInt(c.consumers().size())).id();
        String api = c.apis().isEmpty() || random.nextInt(10) == 0 ? id("api", 8)
                : c.apis().get(random.nextInt(c.apis().size())).id();
        Optional<Plan> plan = random.nextBoolean() ? Optional.empty() : Optional.of(new Plan(1 + random.nextInt(100),
                1 + random.nextInt(200), random.nextBoolean() ? OptionalLong.empty()
                : OptionalLong.of(1 + random.nextInt(100_000))));
        return new Subscription(consumer, api, plan, random.nextBoolean());
    }

    private static String spec(String title, int operations) {
        StringBuilder paths = new StringBuilder();
        for (int i = 0; i < operations; i++) {
            paths.append("  /").append(title).append(i).append(":\n    get:\n      responses: { \"200\": "
                    + "{ description: ok } }\n");
        }
        return "openapi: 3.0.3\ninfo: { title: " + title + ", version: \"1\" }\npaths:\n" + paths;
    }
}
