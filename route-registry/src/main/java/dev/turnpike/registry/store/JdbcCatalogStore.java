package dev.turnpike.registry.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.PoolSettings;
import dev.turnpike.registry.model.UpstreamPool;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
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
 * transaction. Durations are stored as whole milliseconds.
 */
public final class JdbcCatalogStore implements CatalogStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcCatalogStore.class);
    private static final String LOCK_FILE = "turnpike-catalog.lock";

    private final HikariDataSource dataSource;
    private final int snapshotIsolation;
    private final String description;
    private final FileChannel lockChannel;

    private JdbcCatalogStore(HikariDataSource dataSource, int snapshotIsolation, String description,
                             FileChannel lockChannel) {
        this.dataSource = dataSource;
        this.snapshotIsolation = snapshotIsolation;
        this.description = description;
        this.lockChannel = lockChannel;
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
            return open(config, Connection.TRANSACTION_SERIALIZABLE, "H2 catalog store in " + dir, lock);
        } catch (RuntimeException e) {
            release(lock);
            throw e;
        }
    }

    /**
     * Connects to a PostgreSQL database (9.6 or newer; tested on 14) at {@code jdbcUrl} such as
     * {@code jdbc:postgresql://db:5432/turnpike}, with a pool of at most 8 connections.
     */
    public static JdbcCatalogStore connect(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        HikariConfig config = poolConfig("turnpike-catalog-pg", 8);
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        return open(config, Connection.TRANSACTION_REPEATABLE_READ, "PostgreSQL catalog store at " + jdbcUrl, null);
    }

    @Override
    public VersionedCatalog load() {
        return inTransaction("load the catalog", snapshotIsolation, true, c -> {
            long version = CatalogTables.version(c);
            return new VersionedCatalog(version, CatalogTables.select(c));
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
    public VersionedCatalog replace(Catalog catalog) {
        Objects.requireNonNull(catalog, "catalog");
        requireWholeMillis(catalog);
        return inTransaction("replace the catalog", Connection.TRANSACTION_READ_COMMITTED, false, c -> {
            long version = CatalogTables.bumpVersion(c);
            CatalogTables.deleteAll(c);
            CatalogTables.insert(c, catalog);
            return new VersionedCatalog(version, catalog);
        });
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

    private static JdbcCatalogStore open(HikariConfig config, int isolation, String description, FileChannel lock) {
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
        return new JdbcCatalogStore(dataSource, isolation, description, lock);
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

    private static void requireWholeMillis(Catalog catalog) {
        for (UpstreamPool p : catalog.pools()) {
            PoolSettings s = p.settings();
            requireWholeMillis(p, "connectTimeout", s.connectTimeout());
            requireWholeMillis(p, "responseTimeout", s.responseTimeout());
            requireWholeMillis(p, "maxIdleTime", s.maxIdleTime());
            requireWholeMillis(p, "ejectFor", s.ejectFor());
        }
    }

    private static void requireWholeMillis(UpstreamPool pool, String field, Duration d) {
        String problem = d.getNano() % 1_000_000 != 0 ? "whole milliseconds"
                : d.getSeconds() > Long.MAX_VALUE / 1000 - 1 ? "at most " + (Long.MAX_VALUE / 1000 - 1) + " seconds"
                : null;
        if (problem != null) {
            throw new IllegalArgumentException("pools." + pool.id() + "." + field + ": " + d
                    + " (expected: " + problem + ")");
        }
    }
}
