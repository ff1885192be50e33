package dev.turnpike.registry.store;

import dev.turnpike.registry.model.ApiKey;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.IssuedApiKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Persistence port of the catalog and of the API keys that go with it. Implementations are thread-safe and
 * <b>blocking</b> (JDBC): callers on an event loop wrap calls in
 * {@code Mono.fromCallable(...).subscribeOn(boundedElastic)}.
 *
 * <p>Every write is one transaction that also bumps the catalog version and appends to the audit log, so a reader
 * never sees half a change, the version tells nodes whether their snapshot is current, and every change has an
 * actor. Audit summaries never contain key material.
 */
public interface CatalogStore extends AutoCloseable {
    /** The actor of {@link #replace(Catalog)}. */
    String SYSTEM_ACTOR = "system";

    /** The current catalog and its version; version 0 and {@link Catalog#EMPTY} for a new store. */
    VersionedCatalog load();

    /**
     * The stored catalog, as {@link #load()} returns it, read as a change to {@code base} (a catalog this store
     * returned) when that is cheaper: only the entities written since {@code base.version()} are read again. Returns
     * {@code base} itself when the version has not moved.
     */
    VersionedCatalog loadSince(VersionedCatalog base);

    /**
     * Makes the stored catalog equal to {@code catalog} in one transaction and bumps the version. API keys are not
     * part of a catalog: the keys of consumers that remain are kept, those of removed consumers are deleted.
     *
     * @param actor who asks, recorded in the audit log
     * @return the catalog as stored, with its new version
     */
    VersionedCatalog replace(Catalog catalog, String actor);

    /** {@link #replace(Catalog, String)} by {@link #SYSTEM_ACTOR}. */
    default VersionedCatalog replace(Catalog catalog) {
        return replace(catalog, SYSTEM_ACTOR);
    }

    /**
     * Makes {@code changes} to the catalog {@code base} in one transaction, if the stored version is still
     * {@code base.version()}, bumping the version once and appending one audit entry per change. {@code base} is a
     * catalog with its keys as this store returned it ({@link #load}, {@link #loadSince}, a previous write).
     *
     * @return the changed catalog with its new version and the stored keys
     * @throws StaleCatalogException    if the stored version is not {@code base.version()}; nothing is written
     * @throws EntityNotFoundException  if a delete names an entity {@code base} does not have
     * @throws IllegalArgumentException if the changed catalog breaks a rule of {@link Catalog}
     */
    VersionedCatalog apply(VersionedCatalog base, List<CatalogChange> changes, String actor);

    /** The current version, cheaper than {@link #load()}. */
    long version();

    /**
     * Issues a new key for {@code consumer}. The plaintext is in the result and nowhere else: show it once.
     *
     * @param expiresAt when the key stops working, or empty for never
     * @throws EntityNotFoundException if the catalog has no such consumer
     */
    IssuedApiKey createKey(String consumer, Optional<Instant> expiresAt, String actor);

    /** The key whose {@link ApiKey#hash(String) hash} this is, revoked and expired ones included. */
    Optional<ApiKey> findKeyByHash(String hash);

    /**
     * Revokes the key {@code keyId}. Revoking a revoked key changes nothing (no new version, no audit entry).
     *
     * @return the key as it is now, or empty if there is no such key
     */
    Optional<ApiKey> revokeKey(String keyId, String actor);

    /** The keys of {@code consumer}, oldest first, revoked and expired ones included. */
    List<ApiKey> keysOf(String consumer);

    /**
     * Adds {@code counts} to the stored usage in one transaction: calls and errors are summed into the row of the
     * same consumer, API and day, and its last-seen time becomes the later of both. Usage is not part of the
     * catalog: no version bump, no audit entry. Safe to call from several nodes at once.
     */
    void addUsage(List<UsageCount> counts);

    /**
     * Who called {@code api} on the days {@code from..to} (inclusive): one summary per consumer, most calls first.
     *
     * @throws IllegalArgumentException if {@code to} is before {@code from}
     */
    List<ConsumerUsage> usageOfApi(String api, LocalDate from, LocalDate to);

    /**
     * What {@code consumer} called on the days {@code from..to} (inclusive): one count per API and day, by API id
     * then day.
     *
     * @throws IllegalArgumentException if {@code to} is before {@code from}
     */
    List<UsageCount> usageOfConsumer(String consumer, LocalDate from, LocalDate to);

    /** The latest {@code limit} audit entries, newest first. */
    List<AuditEntry> auditLog(int limit);

    /** How many entries the audit log holds in all. */
    long auditLogSize();

    /**
     * Calls {@code onVersion} with the new version when another writer (another node, or another store on the same
     * database) commits a change, so the caller need not wait for its next poll. Best effort: it may report a version
     * more than once or out of order, and reports {@link CatalogWatch#UNKNOWN_VERSION} when it cannot know what it
     * missed (then the caller should read {@link #version()}); keep polling as the fallback. Calls come from a thread
     * of the watch, one at a time; keep them short.
     *
     * <p>This default returns {@link CatalogWatch#NONE}, which never fires: a store that cannot push changes is only
     * polled.
     *
     * @return the running watch; close it to stop
     */
    default CatalogWatch watch(LongConsumer onVersion) {
        Objects.requireNonNull(onVersion, "onVersion");
        return CatalogWatch.NONE;
    }

    /**
     * {@link #watch(LongConsumer)}, also calling {@code onLost} (from the watch's thread) when a listening connection
     * breaks: on PostgreSQL the first sign that the database stopped or the network failed, before any poll times
     * out. The watch reconnects by itself and then reports {@link CatalogWatch#UNKNOWN_VERSION} as usual. This
     * default never calls {@code onLost}.
     */
    default CatalogWatch watch(LongConsumer onVersion, Consumer<Exception> onLost) {
        Objects.requireNonNull(onLost, "onLost");
        return watch(onVersion);
    }

    /** The stored admin API tokens (hashes), by name. */
    List<AdminToken> adminTokens();

    /**
     * Stores {@code token} if no admin token is stored yet (first start without configured tokens); of nodes that
     * race to do so, one wins.
     *
     * @return whether it was stored; {@code false} if the store already had a token
     */
    boolean addFirstAdminToken(AdminToken token);

    /** Releases connections; idempotent. */
    @Override
    void close();
}
