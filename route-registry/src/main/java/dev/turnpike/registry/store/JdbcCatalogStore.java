package dev.turnpike.registry.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.turnpike.registry.model.ApiKey;
import dev.turnpike.registry.model.ApiKeyGenerator;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.IssuedApiKey;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog in a relational database: an embedded H2 file database for one node, or PostgreSQL for a cluster.
 * The schema is created and upgraded by Flyway ({@code db/migration}) when the store opens.
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
    private static final Logger LOG = LoggerFactory.getLogger(JdbcCatalogStore.class);
    private static final String LOCK_FILE = "turnpike-catalog.lock";

    private final HikariDataSource dataSource;
    private final int snapshotIsolation;
    private final String description;
    private final FileChannel lockChannel;
    private final Clock clock = Clock.systemUTC();
    private final ApiKeyGenerator keyGenerator = new ApiKeyGenerator(new SecureRandom(), clock);
    private final SpecCache specs = new SpecCache();
    /** Opens the watch's own connection on PostgreSQL; null on H2, which has no one to notify. */
    private final PostgresCatalogWatch.Connector listenConnector;

    private JdbcCatalogStore(HikariDataSource dataSource, int snapshotIsolation, String description,
                             FileChannel lockChannel, PostgresCatalogWatch.Connector listenConnector) {
        this.dataSource = dataSource;
        this.snapshotIsolation = snapshotIsolation;
        this.description = description;
        this.lockChannel = lockChannel;
        this.listenConnector = listenConnector;
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
        Objects.requireNonNull(dataDir, "dataDir");
        Path dir = dataDir.toAbsolutePath().normalize();
        if (dir.toString().indexOf(';') >= 0) {
            // H2 would read the rest of the path as URL settings.
            throw new IllegalArgumentException("dataDir: \"" + dir + "\" (expected: a path without ';')");
        }
        FileChannel lock = lockDirectory(dir);
        try {
            HikariConfig config = poolConfig("turnpike-catalog-h2", 4);
            // WRITE_DELAY=0: commit = written to the file. LOCK_TIMEOUT: writers queue on the version row
            // instead of failing after H2's default 1 s. DB_CLOSE_ON_EXIT=FALSE: close() closes it, not a hook
            // racing with the pool at shutdown.
            config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("catalog")
                    + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE");
            config.setUsername("sa");
            config.setPassword("");
            // H2's REPEATABLE READ still shows rows inserted meanwhile; SERIALIZABLE reads one snapshot.
            return open(config, Connection.TRANSACTION_SERIALIZABLE, "H2 catalog store in " + dir, lock, null);
        } catch (RuntimeException e) {
            release(lock);
            throw e;
        }
    }

    /**
     * Connects to a PostgreSQL database (9.6 or newer; tested on 14) at {@code jdbcUrl} such as
     * {@code jdbc:postgresql://db:5432/turnpike}, with a pool of at most 8 connections. Every write also notifies
     * {@code turnpike_catalog} with the new version (see {@link #watch}).
     */
    public static JdbcCatalogStore connect(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        HikariConfig config = poolConfig("turnpike-catalog-pg", 8);
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        return open(config, Connection.TRANSACTION_REPEATABLE_READ, "PostgreSQL catalog store at " + jdbcUrl, null,
                PostgresCatalogWatch.connector(jdbcUrl, user, password));
    }

    @Override
    public VersionedCatalog load() {
        return inTransaction("load the catalog", snapshotIsolation, true, c -> {
            long version = CatalogTables.version(c);
            Catalog catalog = CatalogTables.select(c, specs);
            specs.remember(catalog);
            return new VersionedCatalog(version, catalog, ApiKeyTables.all(c));
        });
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
        return inTransaction("replace the catalog", Connection.TRANSACTION_READ_COMMITTED, false, c -> {
            long version = bumpVersion(c);
            String before = ConsumerTables.summary(c);
            CatalogTables.deleteAll(c);
            CatalogTables.insert(c, catalog);
            int keysDeleted = ApiKeyTables.deleteOrphans(c);
            String after = ConsumerTables.summary(c) + (keysDeleted == 0 ? ""
                    : " (" + keysDeleted + " keys of removed consumers deleted)");
            AuditTables.append(c, new AuditEntry(version, actor, now(), "catalog", "*", "replace", before, after));
            specs.remember(catalog); // harmless if the commit then fails: the cache maps text to its parse
            return new VersionedCatalog(version, catalog);
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Incremental: after the version check only the rows of the changed entities are written (see
     * {@link ChangeWriter}), so the cost grows with the size of the changes, not of the catalog. {@code base} must be
     * a catalog this store returned at {@code base.version()}, as {@link #load} or a previous write returns it (the
     * version check relies on the stored rows being that catalog). Deleting a consumer deletes its API keys. Each
     * audit entry summarizes the entity before and after its change ({@link AuditSummary}).
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
        List<CatalogChange> writes = CatalogDiff.between(base.catalog(), changed, true).changes();
        writes.forEach(StorableDurations::require); // the base is stored, so only what the changes put is new
        if (writes.isEmpty()) {
            // Nothing to write (e.g. the entity put equals the stored one): no version, no audit entry.
            long stored = version();
            if (stored != base.version()) {
                throw new StaleCatalogException(base.version(), stored);
            }
            return base;
        }
        return inTransaction("change the catalog", Connection.TRANSACTION_READ_COMMITTED, false, c -> {
            long version = bumpVersion(c);
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
            return new VersionedCatalog(version, changed, ApiKeyTables.all(c));
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
        Objects.requireNonNull(onVersion, "onVersion");
        if (listenConnector == null) {
            return CatalogWatch.NONE;
        }
        return PostgresCatalogWatch.start(listenConnector, onVersion, description);
    }

    @Override
    public IssuedApiKey createKey(String consumer, Optional<Instant> expiresAt, String actor) {
        Objects.requireNonNull(consumer, "consumer");
        requireActor(actor);
        IssuedApiKey issued = keyGenerator.generate(consumer, expiresAt);
        return inTransaction("create an API key", Connection.TRANSACTION_READ_COMMITTED, false, c -> {
            long version = bumpVersion(c);
            if (!ConsumerTables.consumerExists(c, consumer)) {
                throw new EntityNotFoundException("consumer", consumer);
            }
            ApiKey key = issued.key();
            ApiKeyTables.insert(c, key);
            AuditTables.append(c, new AuditEntry(version, actor, now(), "api_key", key.id(), "create", "",
                    describe(key)));
            return issued;
        });
    }

    @Override
    public Optional<ApiKey> findKeyByHash(String hash) {
        Objects.requireNonNull(hash, "hash");
        return inTransaction("find an API key", Connection.TRANSACTION_READ_COMMITTED, true,
                c -> ApiKeyTables.byHash(c, hash));
    }

    @Override
    public Optional<ApiKey> revokeKey(String keyId, String actor) {
        Objects.requireNonNull(keyId, "keyId");
        requireActor(actor);
        return inTransaction("revoke an API key", Connection.TRANSACTION_READ_COMMITTED, false, c -> {
            Optional<ApiKey> found = ApiKeyTables.byId(c, keyId);
            if (found.isEmpty() || found.get().revoked()) {
                return found; // nothing to change: no version, no audit entry
            }
            long version = bumpVersion(c);
            ApiKey revoked = found.get().revoke();
            ApiKeyTables.markRevoked(c, keyId);
            AuditTables.append(c, new AuditEntry(version, actor, now(), "api_key", keyId, "revoke",
                    describe(found.get()), describe(revoked)));
            return Optional.of(revoked);
        });
    }

    @Override
    public List<ApiKey> keysOf(String consumer) {
        Objects.requireNonNull(consumer, "consumer");
        return inTransaction("list API keys", Connection.TRANSACTION_READ_COMMITTED, true,
                c -> ApiKeyTables.byConsumer(c, consumer));
    }

    @Override
    public void addUsage(List<UsageCount> counts) {
        List<UsageCount> copy = List.copyOf(counts);
        if (copy.isEmpty()) {
            return;
        }
        try {
            inTransaction("add usage", Connection.TRANSACTION_READ_COMMITTED, false, c -> {
                UsageTables.add(c, copy);
                return null;
            });
        } catch (CatalogStoreException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            // Another node inserted one of the rows between our update and insert: now they all exist.
            inTransaction("add usage", Connection.TRANSACTION_READ_COMMITTED, false, c -> {
                UsageTables.add(c, copy);
                return null;
            });
        }
    }

    @Override
    public List<ConsumerUsage> usageOfApi(String api, LocalDate from, LocalDate to) {
        requireRange(from, to);
        return inTransaction("read the usage of an API", Connection.TRANSACTION_READ_COMMITTED, true,
                c -> UsageTables.byApi(c, api, from, to));
    }

    @Override
    public List<UsageCount> usageOfConsumer(String consumer, LocalDate from, LocalDate to) {
        requireRange(from, to);
        return inTransaction("read the usage of a consumer", Connection.TRANSACTION_READ_COMMITTED, true,
                c -> UsageTables.byConsumer(c, consumer, from, to));
    }

    private static void requireRange(LocalDate from, LocalDate to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to: " + to + " (expected: on or after from " + from + ")");
        }
    }

    private static boolean isUniqueViolation(CatalogStoreException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
            if (t instanceof java.sql.BatchUpdateException batch && batch.getNextException() != null
                    && "23505".equals(batch.getNextException().getSQLState())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<AuditEntry> auditLog(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit: " + limit + " (expected: > 0)");
        }
        return inTransaction("read the audit log", Connection.TRANSACTION_READ_COMMITTED, true,
                c -> AuditTables.latest(c, limit));
    }

    @Override
    public List<AdminToken> adminTokens() {
        return inTransaction("read the admin tokens", Connection.TRANSACTION_READ_COMMITTED, true,
                AdminTokenTables::all);
    }

    @Override
    public boolean addFirstAdminToken(AdminToken token) {
        Objects.requireNonNull(token, "token");
        try {
            return inTransaction("store the first admin token", Connection.TRANSACTION_SERIALIZABLE, false, c -> {
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
        return inTransaction("read the catalog version", Connection.TRANSACTION_READ_COMMITTED, true,
                CatalogTables::version);
    }

    @Override
    public void close() {
        if (!dataSource.isClosed()) {
            dataSource.close();
            LOG.info("Closed {}", description);
        }
        release(lockChannel);
    }

    @Override
    public String toString() {
        return description;
    }

    /** The pooled data source, for tests that need to reach under the store. */
    DataSource dataSource() {
        return dataSource;
    }

    /**
     * Bumps the version (see {@link CatalogTables#bumpVersion}) and, on PostgreSQL, queues the notification of the new
     * version, which PostgreSQL sends when (and only if) the transaction commits.
     */
    private long bumpVersion(Connection c) throws SQLException {
        long version = CatalogTables.bumpVersion(c);
        if (listenConnector != null) {
            try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                s.setString(1, PostgresCatalogWatch.CHANNEL);
                s.setString(2, Long.toString(version));
                s.execute();
            }
        }
        return version;
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(String what, int isolation, boolean readOnly, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setTransactionIsolation(isolation);
            c.setReadOnly(readOnly);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new CatalogStoreException("cannot " + what + " in " + description + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // Rows that do not make a valid model: someone edited the tables by hand.
            throw new CatalogStoreException("cannot " + what + " in " + description
                    + ": the stored catalog is invalid: " + e.getMessage(), e);
        }
    }

    private static void rollback(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static JdbcCatalogStore open(HikariConfig config, int isolation, String description, FileChannel lock,
                                         PostgresCatalogWatch.Connector listenConnector) {
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new CatalogStoreException("cannot open " + description + ": " + e.getMessage(), e);
        }
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                    .failOnMissingLocations(true).load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw new CatalogStoreException("cannot migrate the schema of " + description + ": " + e.getMessage(), e);
        }
        LOG.info("Opened {}", description);
        return new JdbcCatalogStore(dataSource, isolation, description, lock, listenConnector);
    }

    private static HikariConfig poolConfig(String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setAutoCommit(false);
        config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        return config;
    }

    private static FileChannel lockDirectory(Path dir) {
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new OverlappingFileLockException();
            }
            return channel;
        } catch (OverlappingFileLockException e) {
            release(channel);
            throw new CatalogStoreException("cannot open the catalog store in " + dir
                    + ": another store (in this or another process) has it open; close that one first", e);
        } catch (IOException e) {
            release(channel);
            throw new CatalogStoreException("cannot open the catalog store in " + dir + ": " + e, e);
        }
    }

    private static void release(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close(); // also releases the lock
            } catch (IOException e) {
                LOG.warn("Cannot close the catalog store lock file", e);
            }
        }
    }

    private Instant now() {
        return clock.instant();
    }

    /** Secret-free: the prefix identifies a key to people, the hash stays out of the log. */
    private static String describe(ApiKey key) {
        return "consumer=" + key.consumer() + " prefix=" + key.prefix()
                + key.expiresAt().map(t -> " expiresAt=" + t).orElse("") + " revoked=" + key.revoked();
    }

    private static void requireActor(String actor) {
        Objects.requireNonNull(actor, "actor");
        if (actor.isBlank() || actor.length() > 200) {
            throw new IllegalArgumentException("actor: \"" + actor + "\" (expected: 1..200 characters)");
        }
    }
}
