package dev.turnpike.gateway.consumers;

import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiKey;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Consumer;
import dev.turnpike.registry.model.ConsumerState;
import dev.turnpike.registry.model.Plan;
import dev.turnpike.registry.model.RateLimit;
import dev.turnpike.registry.model.Subscription;
import dev.turnpike.registry.store.VersionedCatalog;
import dev.turnpike.throttling.RateLimitPlan;
import dev.turnpike.throttling.ThrottleKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who may call what, precomputed from one catalog version for the data plane: API keys by hash, each with its
 * consumer, the consumer's state and its subscriptions (consumer x API -> plan and throttle key), and each API's
 * default plan. Built with every {@code RoutingSnapshot}, off the event loop; immutable and thread-safe.
 *
 * <p>A snapshot update reuses the previous directory, or the parts of it whose inputs did not change
 * ({@link #update}): a write to one API must not cost a walk over every consumer and key.
 *
 * <p>A presented key is hashed (SHA-256, as stored) and looked up in a hash map: the lookup depends on the hash,
 * never on how much of the secret matches; the final comparison is {@link MessageDigest#isEqual}.
 */
public final class ConsumerDirectory {
    /** A directory without keys or consumers. */
    public static final ConsumerDirectory EMPTY = build(new VersionedCatalog(0, Catalog.EMPTY));

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    });

    private final Map<ByteBuffer, KeyEntry> keysByHash;
    private final Map<String, RateLimitPlan> apiDefaults;
    private final Map<String, Member> members;
    /** The inputs this directory was built from, to tell whether the next catalog version changed them. */
    private final List<Consumer> consumers;
    private final List<Subscription> subscriptions;
    private final List<ApiKey> keys;

    /** One stored key: its hash bytes for the final compare, validity, and its consumer. */
    private record KeyEntry(byte[] hash, ApiKey key, Member member) {
    }

    /**
     * A consumer as the gateway needs it.
     *
     * @param id            the consumer's id
     * @param state         whether its keys are accepted
     * @param subscriptions by API id
     */
    public record Member(String id, ConsumerState state, Map<String, Access> subscriptions) {
    }

    /**
     * A consumer's right to one API, with what the throttle filter needs, precomputed.
     *
     * @param key  the consumer x API throttle key
     * @param plan the subscription's plan, else the API's default rate limit; {@code null} for unlimited
     */
    public record Access(ThrottleKey key, RateLimitPlan plan) {
    }

    /** The outcome of looking a presented key up. */
    public enum Outcome {
        /** The key identifies an active consumer. */
        VALID,
        /** No stored key has this hash. */
        UNKNOWN,
        /** The key was revoked. */
        REVOKED,
        /** The key expired. */
        EXPIRED,
        /** The key is valid but its consumer is suspended. */
        SUSPENDED
    }

    /**
     * A lookup's answer.
     *
     * @param outcome what the key is
     * @param member  its consumer for {@link Outcome#VALID} and {@link Outcome#SUSPENDED}, else {@code null}
     */
    public record Lookup(Outcome outcome, Member member) {
        private static final Lookup UNKNOWN = new Lookup(Outcome.UNKNOWN, null);
        private static final Lookup REVOKED = new Lookup(Outcome.REVOKED, null);
        private static final Lookup EXPIRED = new Lookup(Outcome.EXPIRED, null);
    }

    private ConsumerDirectory(Map<ByteBuffer, KeyEntry> keysByHash, Map<String, RateLimitPlan> apiDefaults,
                              Map<String, Member> members, Catalog catalog, List<ApiKey> keys) {
        this.keysByHash = keysByHash;
        this.apiDefaults = apiDefaults;
        this.members = members;
        this.consumers = catalog.consumers();
        this.subscriptions = catalog.subscriptions();
        this.keys = keys;
    }

    /** Builds the directory of {@code versioned}'s catalog and keys. CPU-bound; call it off the event loop. */
    public static ConsumerDirectory build(VersionedCatalog versioned) {
        Catalog catalog = versioned.catalog();
        Map<String, RateLimitPlan> defaults = new HashMap<>();
        for (Api api : catalog.apis()) {
            api.policies().rateLimit().ifPresent(r -> defaults.put(api.id(), plan(r)));
        }
        Map<String, RateLimitPlan> apiDefaults = Map.copyOf(defaults);
        Map<String, Member> members = members(catalog, apiDefaults);
        return new ConsumerDirectory(keysByHash(versioned.keys(), members), apiDefaults, members, catalog,
                versioned.keys());
    }

    /**
     * The directory of {@code versioned}, reusing what {@code previous} holds where its inputs are unchanged: the
     * API default plans but those of changed APIs; the consumers with their subscriptions when the catalog's
     * consumers and subscriptions are equal to before (identity checked first) and no default plan that a
     * subscription without its own plan falls back to changed; the keys when, in addition, the key list is equal.
     * Returns {@code previous} itself when nothing changed. CPU-bound; call it off the event loop.
     *
     * @param previous    the directory of the catalog version {@code versioned} was changed from
     * @param changedApis every API of {@code versioned}'s catalog that is new or may differ from the one
     *                    {@code previous} was built from (more is fine, fewer is wrong)
     * @param removedApis the ids of the APIs {@code previous}'s catalog had and this one has not
     */
    public static ConsumerDirectory update(VersionedCatalog versioned, ConsumerDirectory previous,
                                           Collection<Api> changedApis, Collection<String> removedApis) {
        Catalog catalog = versioned.catalog();
        Map<String, RateLimitPlan> changedDefaults = new HashMap<>();
        for (String id : removedApis) {
            if (previous.apiDefaults.containsKey(id)) {
                changedDefaults.put(id, null);
            }
        }
        for (Api api : changedApis) {
            RateLimitPlan plan = api.policies().rateLimit().map(ConsumerDirectory::plan).orElse(null);
            if (!Objects.equals(plan, previous.apiDefaults.get(api.id()))) {
                changedDefaults.put(api.id(), plan);
            }
        }
        Map<String, RateLimitPlan> apiDefaults = previous.apiDefaults;
        if (!changedDefaults.isEmpty()) {
            Map<String, RateLimitPlan> defaults = new HashMap<>(apiDefaults);
            changedDefaults.forEach((id, plan) -> {
                if (plan == null) {
                    defaults.remove(id);
                } else {
                    defaults.put(id, plan);
                }
            });
            apiDefaults = Map.copyOf(defaults);
        }
        boolean sameMembers = same(previous.consumers, catalog.consumers())
                && same(previous.subscriptions, catalog.subscriptions())
                && (changedDefaults.isEmpty() || catalog.subscriptions().stream() // a write to an API: no scan
                        .noneMatch(s -> s.plan().isEmpty() && changedDefaults.containsKey(s.api())));
        Map<String, Member> members = sameMembers ? previous.members : members(catalog, apiDefaults);
        if (sameMembers && same(previous.keys, versioned.keys())) {
            return apiDefaults == previous.apiDefaults ? previous : new ConsumerDirectory(previous.keysByHash,
                    apiDefaults, members, catalog, versioned.keys());
        }
        return new ConsumerDirectory(keysByHash(versioned.keys(), members), apiDefaults, members, catalog,
                versioned.keys());
    }

    /** Every consumer of {@code catalog} with its subscriptions, by id. */
    private static Map<String, Member> members(Catalog catalog, Map<String, RateLimitPlan> defaults) {
        Map<String, Map<String, Access>> subscriptions = new HashMap<>();
        for (Subscription s : catalog.subscriptions()) {
            RateLimitPlan plan = s.plan().map(ConsumerDirectory::plan).orElse(defaults.get(s.api()));
            subscriptions.computeIfAbsent(s.consumer(), c -> new HashMap<>())
                    .put(s.api(), new Access(ThrottleKey.of(s.consumer(), s.api()), plan));
        }
        Map<String, Member> members = new HashMap<>();
        for (Consumer c : catalog.consumers()) {
            members.put(c.id(), new Member(c.id(), c.state(),
                    Map.copyOf(subscriptions.getOrDefault(c.id(), Map.of()))));
        }
        return members;
    }

    /** The keys of {@code members} by hash; keys of unknown consumers are left out. */
    private static Map<ByteBuffer, KeyEntry> keysByHash(List<ApiKey> keys, Map<String, Member> members) {
        Map<ByteBuffer, KeyEntry> out = new HashMap<>();
        for (ApiKey key : keys) {
            Member member = members.get(key.consumer());
            if (member != null) {
                byte[] hash = HexFormat.of().parseHex(key.hash());
                out.put(ByteBuffer.wrap(hash), new KeyEntry(hash, key, member));
            }
        }
        return Map.copyOf(out);
    }

    private static boolean same(List<?> a, List<?> b) {
        return a == b || a.equals(b);
    }

    /**
     * What {@code presentedKey} is at {@code now}. Allocates the digest; no I/O, no locks.
     */
    public Lookup lookup(String presentedKey, Instant now) {
        byte[] digest = SHA256.get().digest(presentedKey.getBytes(StandardCharsets.UTF_8));
        KeyEntry entry = keysByHash.get(ByteBuffer.wrap(digest));
        if (entry == null || !MessageDigest.isEqual(entry.hash, digest)) {
            return Lookup.UNKNOWN;
        }
        if (entry.key.revoked()) {
            return Lookup.REVOKED;
        }
        if (!entry.key.isValidAt(now)) {
            return Lookup.EXPIRED;
        }
        return new Lookup(entry.member.state() == ConsumerState.ACTIVE ? Outcome.VALID : Outcome.SUSPENDED,
                entry.member);
    }

    /** The default plan of {@code api} (its rate limit policy), or {@code null} when it has none. */
    public RateLimitPlan defaultPlan(String api) {
        return apiDefaults.get(api);
    }

    /** Number of keys that belong to a consumer of the catalog. */
    public int keyCount() {
        return keysByHash.size();
    }

    /** A subscription plan as a throttling plan; the burst is at least the rate, as a token bucket needs. */
    static RateLimitPlan plan(Plan p) {
        RateLimitPlan plan = RateLimitPlan.of(p.perSecond(), Math.max(p.burst(), p.perSecond()));
        return p.dailyQuota().isPresent() ? plan.withDailyQuota(p.dailyQuota().getAsLong()) : plan;
    }

    /** An API's default rate limit as a throttling plan (no daily quota). */
    static RateLimitPlan plan(RateLimit r) {
        return RateLimitPlan.of(r.perSecond(), Math.max(r.burst(), r.perSecond()));
    }
}
