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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Who may call what, precomputed from one catalog version for the data plane: API keys by hash, each with its
 * consumer, the consumer's state and its subscriptions (consumer x API -> plan and throttle key), and each API's
 * default plan. Built with every {@code RoutingSnapshot}, off the event loop; immutable and thread-safe.
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

    private ConsumerDirectory(Map<ByteBuffer, KeyEntry> keysByHash, Map<String, RateLimitPlan> apiDefaults) {
        this.keysByHash = keysByHash;
        this.apiDefaults = apiDefaults;
    }

    /** Builds the directory of {@code versioned}'s catalog and keys. CPU-bound; call it off the event loop. */
    public static ConsumerDirectory build(VersionedCatalog versioned) {
        Catalog catalog = versioned.catalog();
        Map<String, RateLimitPlan> defaults = new HashMap<>();
        for (Api api : catalog.apis()) {
            api.policies().rateLimit().ifPresent(r -> defaults.put(api.id(), plan(r)));
        }
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
        Map<ByteBuffer, KeyEntry> keys = new HashMap<>();
        for (ApiKey key : versioned.keys()) {
            Member member = members.get(key.consumer());
            if (member != null) {
                byte[] hash = HexFormat.of().parseHex(key.hash());
                keys.put(ByteBuffer.wrap(hash), new KeyEntry(hash, key, member));
            }
        }
        return new ConsumerDirectory(Map.copyOf(keys), Map.copyOf(defaults));
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
