package dev.turnpike.registry.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database under a {@link JdbcCatalogStore}: the connection pool, the migrated schema, the data directory's lock
 * (embedded H2), and transactions with the version bump every write starts with. Knows the databases, not the
 * catalog. Thread-safe.
 */
final class StoreDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreDatabase.class);
    private static final String LOCK_FILE = "turnpike-catalog.lock";
    /** How long a PostgreSQL caller waits for a pooled connection before the store counts as unreachable. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration VALIDATION_TIMEOUT = Duration.ofMillis(500);

    private final HikariDataSource dataSource;
    private final int snapshotIsolation;
    private final String description;
    private final FileChannel lockChannel;
    /** Opens the watch's own connection on PostgreSQL; null on H2, which has no one to notify. */
    private final PostgresCatalogWatch.Connector listenConnector;

    private StoreDatabase(HikariDataSource dataSource, int snapshotIsolation, String description,
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
    static StoreDatabase embedded(Path dataDir) {
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
     * {@code turnpike_catalog} with the new version (see {@link JdbcCatalogStore#watch}). A caller waits at most 1 s
     * for a connection (connect timeout 1 s, validation 500 ms), so an unreachable database fails calls within about
     * a second.
     */
    static StoreDatabase postgres(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        HikariConfig config = poolConfig("turnpike-catalog-pg", 8);
        // Short timeouts so an outage is noticed in about a second and callers fail fast instead of queueing for
        // Hikari's 30 s default; a URL parameter of the same name overrides the driver properties.
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setValidationTimeout(VALIDATION_TIMEOUT.toMillis());
        config.addDataSourceProperty("connectTimeout", "1"); // seconds
        config.addDataSourceProperty("socketTimeout", "30"); // seconds: bounds a query on a silently dead connection
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        return open(config, Connection.TRANSACTION_REPEATABLE_READ, "PostgreSQL catalog store at " + jdbcUrl, null,
                PostgresCatalogWatch.connector(jdbcUrl, user, password));
    }

    /** The isolation {@code load} reads one consistent snapshot with. */
    int snapshotIsolation() {
        return snapshotIsolation;
    }

    /** Opens the watch's own connection on PostgreSQL; {@code null} on H2, which has no one to notify. */
    PostgresCatalogWatch.Connector listenConnector() {
        return listenConnector;
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
    long bumpVersion(Connection c) throws SQLException {
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

    /** Work in a transaction the caller of {@link #inTransaction} owns. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction on a pooled connection: committed when it returns, rolled back when it
     * throws. Database failures become a {@link CatalogStoreException} naming {@code what}.
     */
    <T> T inTransaction(String what, int isolation, boolean readOnly, Work<T> work) {
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

    private static StoreDatabase open(HikariConfig config, int isolation, String description, FileChannel lock,
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
        return new StoreDatabase(dataSource, isolation, description, lock, listenConnector);
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
            // Who holds it, for the next one that tries: the lock file holds the holder's process id.
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n")
                    .getBytes(StandardCharsets.US_ASCII)), 0);
            return channel;
        } catch (OverlappingFileLockException e) {
            release(channel);
            throw new StoreInUseException(dir, holder(dir.resolve(LOCK_FILE)), e);
        } catch (IOException e) {
            release(channel);
            throw new CatalogStoreException("cannot open the catalog store in " + dir + ": " + e, e);
        }
    }

    /** {@code "process 1234"} from the lock file, or empty when it says nothing readable. */
    private static String holder(Path lockFile) {
        try {
            String text = Files.readString(lockFile, StandardCharsets.US_ASCII).strip();
            return text.matches("pid \\d+") ? "process " + text.substring(4) : "";
        } catch (IOException | RuntimeException e) {
            return "";
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
}
