package dev.turnpike.gateway.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.consumers.ConsumerDirectory.Lookup;
import dev.turnpike.gateway.consumers.ConsumerDirectory.Outcome;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiKey;
import dev.turnpike.registry.model.ApiPolicies;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Consumer;
import dev.turnpike.registry.model.ConsumerState;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.Plan;
import dev.turnpike.registry.model.RateLimit;
import dev.turnpike.registry.model.Subscription;
import dev.turnpike.registry.model.Target;
import dev.turnpike.registry.model.UpstreamPool;
import dev.turnpike.registry.store.VersionedCatalog;
import dev.turnpike.throttling.RateLimitPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link ConsumerDirectory#update}: reuses the previous directory when nothing it is built from changed, and
 * otherwise answers every lookup exactly like a directory built from scratch.
 */
class ConsumerDirectoryTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final List<Target> POOL = List.of(new Target("p", 1));
    private static final List<String> PLAINTEXTS = List.of("web-key", "web-key-2", "sleepy-key", "other-key");

    private final Api orders = Api.builder("orders", "t", "/orders").targets(POOL).build();
    private final Api open = Api.builder("open", "t", "/open").targets(POOL)
            .policies(ApiPolicies.NONE.withRateLimit(new RateLimit(2, 2))).build();
    private final List<Consumer> consumers = List.of(
            new Consumer("web", "Web", "team", "", ConsumerState.ACTIVE),
            new Consumer("sleepy", "Sleepy", "team", "", ConsumerState.SUSPENDED),
            new Consumer("other", "Other", "team", "", ConsumerState.ACTIVE));
    private final List<Subscription> subscriptions = List.of(
            new Subscription("web", "orders", Optional.empty(), false),
            new Subscription("web", "open", Optional.empty(), false),
            new Subscription("other", "open", Optional.of(new Plan(9, 9, OptionalLong.empty())), false));
    private final List<ApiKey> keys = List.of(key("k1", "web", "web-key"), key("k2", "sleepy", "sleepy-key"),
            key("k3", "other", "other-key"));

    @Test
    void reusesTheDirectoryWhenNoApiRateLimitConsumerSubscriptionOrKeyChanged() {
        VersionedCatalog first = versioned(List.of(orders, open), consumers, subscriptions, keys);
        ConsumerDirectory live = ConsumerDirectory.build(first);
        Api renamed = orders.toBuilder().name("Orders!").build();
        Api newApi = Api.builder("extra", "t", "/extra").targets(POOL).build();
        // equal lists, not the same objects: compared by value after identity
        VersionedCatalog next = versioned(List.of(renamed, open, newApi), new ArrayList<>(consumers),
                new ArrayList<>(subscriptions), new ArrayList<>(keys));

        ConsumerDirectory updated = ConsumerDirectory.update(next, live, List.of(renamed, newApi), Set.of());

        assertThat(updated).isSameAs(live);
        assertLikeScratch(next, updated);
    }

    @Test
    void changedKeysAreFound() {
        ConsumerDirectory live = ConsumerDirectory.build(versioned(List.of(orders, open), consumers, subscriptions,
                keys));
        List<ApiKey> changedKeys = List.of(key("k1", "web", "web-key").revoke(), key("k2", "sleepy", "sleepy-key"),
                key("k4", "web", "web-key-2"));
        VersionedCatalog next = versioned(List.of(orders, open), consumers, subscriptions, changedKeys);

        ConsumerDirectory updated = ConsumerDirectory.update(next, live, List.of(), Set.of());

        assertThat(updated.lookup("web-key", NOW).outcome()).isEqualTo(Outcome.REVOKED);
        assertThat(updated.lookup("web-key-2", NOW).outcome()).isEqualTo(Outcome.VALID);
        assertThat(updated.lookup("other-key", NOW).outcome()).isEqualTo(Outcome.UNKNOWN);
        assertLikeScratch(next, updated);
    }

    @Test
    void changedConsumersAndSubscriptionsAreReflected() {
        ConsumerDirectory live = ConsumerDirectory.build(versioned(List.of(orders, open), consumers, subscriptions,
                keys));
        List<Consumer> changedConsumers = List.of(
                new Consumer("web", "Web", "team", "", ConsumerState.SUSPENDED),
                new Consumer("sleepy", "Sleepy", "team", "", ConsumerState.ACTIVE),
                new Consumer("other", "Other", "team", "", ConsumerState.ACTIVE));
        List<Subscription> changedSubscriptions = List.of(
                new Subscription("web", "open", Optional.empty(), false),
                new Subscription("sleepy", "orders", Optional.of(new Plan(1, 1, OptionalLong.of(10))), false));
        VersionedCatalog consumersChanged = versioned(List.of(orders, open), changedConsumers, subscriptions, keys);
        VersionedCatalog subscriptionsChanged = versioned(List.of(orders, open), consumers, changedSubscriptions,
                keys);

        ConsumerDirectory a = ConsumerDirectory.update(consumersChanged, live, List.of(), Set.of());
        ConsumerDirectory b = ConsumerDirectory.update(subscriptionsChanged, live, List.of(), Set.of());

        assertThat(a.lookup("web-key", NOW).outcome()).isEqualTo(Outcome.SUSPENDED);
        assertThat(a.lookup("sleepy-key", NOW).outcome()).isEqualTo(Outcome.VALID);
        assertThat(b.lookup("sleepy-key", NOW).member().subscriptions().get("orders").plan())
                .isEqualTo(RateLimitPlan.of(1, 1).withDailyQuota(10));
        assertThat(b.lookup("other-key", NOW).member().subscriptions()).isEmpty();
        assertLikeScratch(consumersChanged, a);
        assertLikeScratch(subscriptionsChanged, b);
    }

    @Test
    void changedApiRateLimitsReachDefaultPlansAndSubscriptionsWithoutAPlan() {
        VersionedCatalog first = versioned(List.of(orders, open), consumers, subscriptions, keys);
        ConsumerDirectory live = ConsumerDirectory.build(first);
        Api limitedOrders = orders.toBuilder().policies(ApiPolicies.NONE.withRateLimit(new RateLimit(5, 7))).build();
        Api fasterOpen = open.toBuilder().policies(ApiPolicies.NONE.withRateLimit(new RateLimit(4, 4))).build();
        VersionedCatalog next = versioned(List.of(limitedOrders, fasterOpen), consumers, subscriptions, keys);

        ConsumerDirectory updated = ConsumerDirectory.update(next, live, List.of(limitedOrders, fasterOpen),
                Set.of());

        assertThat(updated.defaultPlan("orders")).isEqualTo(RateLimitPlan.of(5, 7));
        assertThat(updated.lookup("web-key", NOW).member().subscriptions().get("open").plan())
                .isEqualTo(RateLimitPlan.of(4, 4));
        assertThat(updated.lookup("other-key", NOW).member().subscriptions().get("open").plan())
                .as("a subscription's own plan wins").isEqualTo(RateLimitPlan.of(9, 9));
        assertLikeScratch(next, updated);
    }

    @Test
    void removedAndAddedApisChangeDefaultPlans() {
        List<Subscription> notOnOpen = List.of(new Subscription("web", "orders", Optional.empty(), false));
        ConsumerDirectory live = ConsumerDirectory.build(versioned(List.of(orders, open), consumers, notOnOpen,
                keys));
        Api limited = Api.builder("limited", "t", "/limited").targets(POOL)
                .policies(ApiPolicies.NONE.withRateLimit(new RateLimit(3, 3))).build();
        VersionedCatalog next = versioned(List.of(orders, limited), consumers, notOnOpen, keys);

        ConsumerDirectory updated = ConsumerDirectory.update(next, live, List.of(limited), Set.of("open"));

        assertThat(updated.defaultPlan("open")).isNull();
        assertThat(updated.defaultPlan("limited")).isEqualTo(RateLimitPlan.of(3, 3));
        assertThat(updated.lookup("web-key", NOW).member()).as("no subscription depends on them")
                .isSameAs(live.lookup("web-key", NOW).member());
        assertLikeScratch(next, updated);
    }

    private static void assertLikeScratch(VersionedCatalog versioned, ConsumerDirectory updated) {
        ConsumerDirectory scratch = ConsumerDirectory.build(versioned);
        assertThat(updated.keyCount()).isEqualTo(scratch.keyCount());
        for (String plaintext : PLAINTEXTS) {
            Lookup a = scratch.lookup(plaintext, NOW);
            Lookup b = updated.lookup(plaintext, NOW);
            assertThat(b).as(plaintext).isEqualTo(a);
        }
        for (String api : List.of("orders", "open", "limited", "extra")) {
            assertThat(updated.defaultPlan(api)).as(api).isEqualTo(scratch.defaultPlan(api));
        }
    }

    private static VersionedCatalog versioned(List<Api> apis, List<Consumer> consumers,
                                              List<Subscription> subscriptions, List<ApiKey> keys) {
        Catalog catalog = new Catalog(List.of(), apis,
                List.of(UpstreamPool.of("p", List.of(new Instance("127.0.0.1", 9000, 1)))), consumers, subscriptions);
        return new VersionedCatalog(1, catalog, keys);
    }

    private static ApiKey key(String id, String consumer, String plaintext) {
        return new ApiKey(id, consumer, plaintext.substring(0, 3), ApiKey.hash(plaintext),
                Instant.parse("2029-01-01T00:00:00Z"), Optional.empty(), false);
    }
}
