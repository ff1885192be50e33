package dev.turnpike.registry.store;

import dev.turnpike.registry.model.ApiKey;
import dev.turnpike.registry.model.ApiKeyGenerator;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.IssuedApiKey;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import javax.sql.DataSource;

/**
 * The catalog in a relational database: an embedded H2 file database for one node, or PostgreSQL for a cluster.
 * The schema is created and upgraded by Flyway ({@code db/migration}) when the store opens ({@link StoreDatabase}).
 *
 * <pre>{@code
 * try (CatalogStore store = JdbcCatalogStore.embedded(Path.of("data"))) {
 *     VersionedCatalog stored = store.replace(catalog);   // version 1 on a new store
 * }
 * }</pre>
 *
 * <p>Thread-safe. Every method <b>blocks</b> on JDBC (never call it on an event loop) and borrows one connection
 * from a bounded pool. {@link #replace} is one transaction that first bumps the version (its row lock serializes
 * writers), so concurrent writers get strictly increasing versions; {@link #load} reads in one snapshot
 * transaction. Key writes ({@link #createKey}, {@link #revokeKey}) are transactions of the same kind: each bumps
 * the version and appends one audit entry whose version is the new catalog version. Durations and instants are
 * stored as whole milliseconds. On PostgreSQL every write also notifies {@code turnpike_catalog} with its new version
 * (delivered on commit), which {@link #watch} listens to.
 */
public final class JdbcCatalogStore implements CatalogStore {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JdbcCatalogStore.class);
    private final StoreDatabase db;
    private final Clock clock = Clock.systemUTC();
    private final SpecCache specs = new SpecCache();
    private final ApiKeyWrites keys;
    private final UsageLedger usage;

    private JdbcCatalogStore(StoreDatabase db) {
        this.db = db;
        this.keys = new ApiKeyWrites(db, new ApiKeyGenerator(new SecureRandom(), clock), clock);
        this.usage = new UsageLedger(db);
        try {
            int filled = db.inTransaction("store the operations of documents stored before V6",
                    Connection.TRANSACTION_READ_COMMITTED, false, c -> specs.backfill(c));
            if (filled > 0) {
                log.info("Stored the operations of {} APIs' OpenAPI documents written before this version: loads"
                        + " no longer parse them", filled);
            }
        } catch (CatalogStoreException e) {
            // Only an optimization: loads parse the documents until a later open manages it.
            log.warn("Could not store the operations of older OpenAPI documents: {}", e.getMessage());
        }
    }

    /**
     * Opens (creating if missing) the embedded H2 database under {@code dataDir}. No TCP server, no web console,
     * no automatic mixed mode: only this process uses the files, and a second store on the same directory, in
     * this process or another, fails with a {@link CatalogStoreException}.
     *
     * <p>Durability: the database runs with {@code WRITE_DELAY=0}, so H2 writes each commit to the file before the
     * commit returns (the default would buffer commits for up to 500 ms): a {@code replace} that returned
     * survives the process being killed. It is written to the operating system, not fsync'ed per commit, so a
     * power loss may still lose the last commits.
     */
    public static JdbcCatalogStore embedded(Path dataDir) {
        return new JdbcCatalogStore(StoreDatabase.embedded(dataDir));
    }

    /**
     * Connects to a PostgreSQL database (9.6 or newer; tested on 14) at {@code jdbcUrl} such as
     * {@code jdbc:postgresql://db:5432/turnpike}, with a pool of at most 8 connections. Every write also notifies
     * {@code turnpike_catalog} with the new version (see {@link #watch}).
     */
    public static JdbcCatalogStore connect(String jdbcUrl, String user, String password) {
        return new JdbcCatalogStore(StoreDatabase.postgres(jdbcUrl, user, password));
    }

    @Override
    public VersionedCatalog load() {
        return db.inTransaction("load the catalog", db.snapshotIsolation(), true,
                c -> loadAll(c, CatalogTables.version(c)));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Replays the audit log from {@code base.version()} ({@link ChangeReplay}); falls back to a whole load when the
     * log cannot be replayed exactly (a whole-catalog replace, a delete-and-recreate, many changes).
     */
    @Override
    public VersionedCatalog loadSince(VersionedCatalog base) {
        Objects.requireNonNull(base, "base");
        return db.inTransaction("load the catalog changes", db.snapshotIsolation(), true, c -> {
            long version = CatalogTables.version(c);
            if (version == base.version()) {
                return base;
            }
            Optional<VersionedCatalog> replayed = version > base.version()
                    ? ChangeReplay.replay(c, specs, base, version) : Optional.empty();
            if (replayed.isPresent()) {
                return replayed.get();
            }
            return loadAll(c, version);
        });
    }

    private VersionedCatalog loadAll(Connection c, long version) throws SQLException {
        Catalog catalog = CatalogTables.select(c, specs);
        specs.remember(catalog);
        return new VersionedCatalog(version, catalog, ApiKeyTables.all(c));
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if a duration of {@code catalog} has a sub-millisecond part or does not fit
     *                                  a long of milliseconds (not storable); nothing is written then
     * @throws CatalogStoreException    if the database rejected the write (for example a value longer than its
     *                                  column); the stored catalog and version are then unchanged
     */
    @Override
    public VersionedCatalog replace(Catalog catalog, String actor) {
        Objects.requireNonNull(catalog, "catalog");
        requireActor(actor);
        StorableDurations.require(catalog);
        return db.inTransaction("replace the catalog", Connection.TRANSACTION_READ_COMMITTED, false, c -> {
            long version = db.bumpVersion(c);
            String before = ConsumerTables.summary(c);
            CatalogTables.deleteAll(c);
            CatalogTables.insert(c, catalog);
            int keysDeleted = ApiKeyTables.deleteOrphans(c);
            String after = ConsumerTables.summary(c) + (keysDeleted == 0 ? ""
                    : " (" + keysDeleted + " keys of removed consumers deleted)");
            AuditTables.append(c, new AuditEntry(version, actor, now(), "catalog", "*", "replace", before, after));
            specs.remember(catalog); // harmless if the commit then fails: the cache maps text to its parse
            return new VersionedCatalog(version, catalog, ApiKeyTables.all(c));
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Incremental: after the version check only the rows of the changed entities are written (see
     * {@link ChangeWriter}), so the cost grows with the size of the changes, not of the catalog. {@code base} must be
     * a catalog this store returned at {@code base.version()}, as {@link #load} or a previous write returns it (the
     * version check relies on the stored rows being that catalog, and the keys returned are its keys unless a
     * consumer was deleted). Deleting a consumer deletes its API keys. Each audit entry summarizes the entity before
     * and after its change ({@link AuditSummary}).
     *
     * @throws IllegalArgumentException also if a duration of a changed entity is not storable (see
     *                                  {@link #replace}); nothing is written then
     */
    @Override
    public VersionedCatalog apply(VersionedCatalog base, List<CatalogChange> changes, String actor) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(changes, "changes");
        requireActor(actor);
        // The requested changes are checked together on the result; what is written is their net effect per
        // entity, puts in reference order and deletes in reverse, so every statement keeps the foreign keys.
        Catalog changed = CatalogChange.applyAll(base.catalog(), changes);
        List<CatalogChange> writes = CatalogDiff.ofChanges(base.catalog(), changed, changes).changes();
        writes.forEach(StorableDurations::require); // the base is stored, so only what the changes put is new
        if (writes.isEmpty()) {
            // Nothing to write (e.g. the entity put equals the stored one): no version, no audit entry.
            long stored = version();
            if (stored != base.version()) {
                throw new StaleCatalogException(base.version(), stored);
            }
            return base;
        }
        return db.inTransaction("change the catalog", Connection.TRANSACTION_READ_COMMITTED, false, c -> {
            long version = db.bumpVersion(c);
            if (version - 1 != base.version()) {
                throw new StaleCatalogException(base.version(), version - 1);
            }
            ChangeWriter writer = new ChangeWriter(c);
            Instant now = now();
            for (int i = 0; i < writes.size(); i++) {
                CatalogChange change = writes.get(i);
                String note = writer.write(change);
                String after = AuditSummary.of(changed, change);
                AuditTables.append(c, new AuditEntry(version, actor, now, change.entityType(), change.entityId(),
                        change.action(), AuditSummary.of(base.catalog(), change),
                        note.isEmpty() ? after : (after + " " + note).trim()), i);
            }
            for (CatalogChange change : writes) {
                if (change instanceof CatalogChange.PutApi put) {
                    put.api().spec().ifPresent(specs::add);
                }
            }
            // Keys change only when a consumer goes (its keys with it); else the base's keys are the stored ones.
            boolean consumerDeleted = writes.stream().anyMatch(w -> w instanceof CatalogChange.DeleteConsumer);
            return new VersionedCatalog(version, changed, consumerDeleted ? ApiKeyTables.all(c) : base.keys());
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>On PostgreSQL: a daemon thread ({@code turnpike-catalog-watch}) with its own connection, outside the pool,
     * runs {@code LISTEN turnpike_catalog}; every write of every store on the database notifies that channel with
     * its new version when it commits. {@code onVersion} also gets {@link CatalogWatch#UNKNOWN_VERSION} each time the
     * watch (re)starts listening, since notifications committed before are lost; after a connection failure it
     * reconnects with backoff. On H2 the store is embedded in one process, so no other writer exists to hear from:
     * this process's own writes return their catalog, and the watch never fires.
     */
    @Override
    public CatalogWatch watch(LongConsumer onVersion) {
        return watch(onVersion, lost -> { });
    }

    /** {@inheritDoc} On PostgreSQL {@code onLost} is called once each time a listening connection breaks. */
    @Override
    public CatalogWatch watch(LongConsumer onVersion, Consumer<Exception> onLost) {
        Objects.requireNonNull(onVersion, "onVersion");
        Objects.requireNonNull(onLost, "onLost");
        if (db.listenConnector() == null) {
            return CatalogWatch.NONE;
        }
        return PostgresCatalogWatch.start(db.listenConnector(), onVersion, onLost, db.toString());
    }

    @Override
    public IssuedApiKey createKey(String consumer, Optional<Instant> expiresAt, String actor) {
        return keys.create(consumer, expiresAt, actor);
    }

    @Override
    public Optional<ApiKey> findKeyByHash(String hash) {
        Objects.requireNonNull(hash, "hash");
        return db.inTransaction("find an API key", Connection.TRANSACTION_READ_COMMITTED, true,
                c -> ApiKeyTables.byHash(c, hash));
    }

    @Override
    public Optional<ApiKey> revokeKey(String keyId, String actor) {
        return keys.revoke(keyId, actor);
    }

    @Override
    public List<ApiKey> keysOf(String consumer) {
        Objects.requireNonNull(consumer, "consumer");
        return db.inTransaction("list API keys", Connection.TRANSACTION_READ_COMMITTED, true,
                c -> ApiKeyTables.byConsumer(c, consumer));
    }

    @Override
    public void addUsage(List<UsageCount> counts) {
        usage.add(counts);
    }

    @Override
    public List<ConsumerUsage> usageOfApi(String api, LocalDate from, LocalDate to) {
        return usage.ofApi(api, from, to);
    }

    @Override
    public List<UsageCount> usageOfConsumer(String consumer, LocalDate from, LocalDate to) {
        return usage.ofConsumer(consumer, from, to);
    }

    @Override
    public List<AuditEntry> auditLog(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit: " + limit + " (expected: > 0)");
        }
        return db.inTransaction("read the audit log", Connection.TRANSACTION_READ_COMMITTED, true,
                c -> AuditTables.latest(c, limit));
    }

    @Override
    public long auditLogSize() {
        return db.inTransaction("count the audit log", Connection.TRANSACTION_READ_COMMITTED, true,
                AuditTables::count);
    }

    @Override
    public List<AdminToken> adminTokens() {
        return db.inTransaction("read the admin tokens", Connection.TRANSACTION_READ_COMMITTED, true,
                AdminTokenTables::all);
    }

    @Override
    public boolean addFirstAdminToken(AdminToken token) {
        Objects.requireNonNull(token, "token");
        try {
            return db.inTransaction("store the first admin token", Connection.TRANSACTION_SERIALIZABLE, false, c -> {
                if (AdminTokenTables.any(c)) {
                    return false;
                }
                AdminTokenTables.insert(c, token, now().toEpochMilli());
                return true;
            });
        } catch (CatalogStoreException e) {
            // Another node stored its first token meanwhile (serialization failure or the primary key): one won.
            if (!adminTokens().isEmpty()) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public long version() {
        return db.inTransaction("read the catalog version", Connection.TRANSACTION_READ_COMMITTED, true,
                CatalogTables::version);
    }

    @Override
    public void close() {
        db.close();
    }

    @Override
    public String toString() {
        return db.toString();
    }

    /** The pooled data source, for tests that need to reach under the store. */
    DataSource dataSource() {
        return db.dataSource();
    }

    private Instant now() {
        return clock.instant();
    }

    static void requireActor(String actor) {
        Objects.requireNonNull(actor, "actor");
        if (actor.isBlank() || actor.length() > 200) {
            throw new IllegalArgumentException("actor: \"" + actor + "\" (expected: 1..200 characters)");
        }
    }
}
