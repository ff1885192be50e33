package dev.turnpike.registry.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on {@link #CHANNEL} on a dedicated PostgreSQL connection (not one of the store's pool, which would hold a
 * pooled connection forever) and reports each committed catalog version to a callback, on its own daemon thread.
 *
 * <p>Missed notifications are turned into {@link CatalogWatch#UNKNOWN_VERSION}: PostgreSQL delivers a notification
 * only to sessions listening when it commits, so each time the watch starts listening (the first time too: a change
 * may commit between the caller's last read and the {@code LISTEN}) it reports {@code UNKNOWN_VERSION} and the caller
 * reads the version. When the connection fails (database restart, {@code pg_terminate_backend}, network) the watch
 * reconnects with exponential backoff from {@value #BACKOFF_MIN_MS} ms to {@value #BACKOFF_MAX_MS} ms. A connection
 * that dies without a word (a silent network partition) is found by a {@code SELECT 1} after every
 * {@value #HEARTBEAT_MS} ms without notifications, which fails within the connection's socket timeout.
 *
 * <p>The callback runs on the watch thread, one call at a time; it should hand work off rather than do it. An
 * exception from it is logged and the watch goes on.
 */
final class PostgresCatalogWatch implements CatalogWatch {
    /** The notification channel; the payload is the new catalog version in decimal. */
    static final String CHANNEL = "turnpike_catalog";
    static final long HEARTBEAT_MS = 1_000;
    static final long BACKOFF_MIN_MS = 100;
    static final long BACKOFF_MAX_MS = 2_000;

    private static final Logger LOG = LoggerFactory.getLogger(PostgresCatalogWatch.class);

    /** Opens a new, unpooled connection in auto-commit mode. */
    @FunctionalInterface
    interface Connector {
        Connection open() throws SQLException;
    }

    /** Opens unpooled connections to {@code jdbcUrl} for a watch, with timeouts that let it notice a dead peer. */
    static Connector connector(String jdbcUrl, String user, String password) {
        return () -> open(jdbcUrl, user, password);
    }

    private static Connection open(String jdbcUrl, String user, String password) throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "turnpike-catalog-watch");
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("socketTimeout", "5"); // seconds: bounds the heartbeat on a dead connection
        properties.setProperty("tcpKeepAlive", "true");
        Connection c = new org.postgresql.Driver().connect(jdbcUrl, properties);
        if (c == null) {
            throw new SQLException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        c.setAutoCommit(true); // LISTEN takes effect at commit; notifications arrive between transactions
        return c;
    }

    private final Connector connector;
    private final LongConsumer onVersion;
    private final Consumer<Exception> onLost;
    private final String description;
    private final Thread thread;
    private final Object lock = new Object();
    private volatile boolean closed;
    private Connection connection; // guarded by lock

    private PostgresCatalogWatch(Connector connector, LongConsumer onVersion, Consumer<Exception> onLost,
                                 String description) {
        this.connector = connector;
        this.onVersion = onVersion;
        this.onLost = onLost;
        this.description = description;
        this.thread = new Thread(this::run, "turnpike-catalog-watch");
        this.thread.setDaemon(true);
    }

    /**
     * Starts watching; {@code onVersion} gets each new version, or {@link #UNKNOWN_VERSION} (see the class);
     * {@code onLost} is called once each time a listening connection breaks.
     */
    static PostgresCatalogWatch start(Connector connector, LongConsumer onVersion, Consumer<Exception> onLost,
                                      String description) {
        PostgresCatalogWatch watch = new PostgresCatalogWatch(Objects.requireNonNull(connector, "connector"),
                Objects.requireNonNull(onVersion, "onVersion"), Objects.requireNonNull(onLost, "onLost"), description);
        watch.thread.start();
        return watch;
    }

    private void run() {
        long backoff = BACKOFF_MIN_MS;
        boolean failing = false;
        while (!closed) {
            boolean listening = false;
            try (Connection c = connector.open()) {
                if (!register(c)) {
                    return;
                }
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                if (failing) {
                    LOG.info("Listening for catalog changes on {} again", description);
                    failing = false;
                }
                backoff = BACKOFF_MIN_MS;
                listening = true;
                deliver(UNKNOWN_VERSION);
                listen(c);
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (listening) {
                    lost(e);
                }
                if (!failing) {
                    LOG.warn("Lost the catalog change notifications of {} ({}); reconnecting, polling meanwhile",
                            description, e.toString());
                    failing = true;
                } else {
                    LOG.debug("Reconnecting to {} failed", description, e);
                }
            } finally {
                register(null);
            }
            if (!pause(backoff)) {
                return;
            }
            backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
        }
    }

    private void listen(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        while (!closed) {
            PGNotification[] notifications = pg.getNotifications((int) HEARTBEAT_MS);
            if (notifications == null || notifications.length == 0) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1"); // a dead connection fails here rather than waiting forever
                }
                continue;
            }
            long newest = UNKNOWN_VERSION;
            for (PGNotification n : notifications) {
                newest = Math.max(newest, version(n));
            }
            deliver(newest);
        }
    }

    /** A batch of notifications is reported once, as its newest version: one reload covers them all. */
    private static long version(PGNotification n) {
        try {
            return Long.parseLong(n.getParameter().trim());
        } catch (NumberFormatException e) {
            LOG.warn("Ignoring the payload \"{}\" on {} (expected: a catalog version); re-reading the version",
                    n.getParameter(), CHANNEL);
            return UNKNOWN_VERSION;
        }
    }

    private void lost(Exception cause) {
        try {
            onLost.accept(cause);
        } catch (RuntimeException e) {
            LOG.warn("The catalog watch's connection-lost callback failed", e);
        }
    }

    private void deliver(long version) {
        try {
            onVersion.accept(version);
        } catch (RuntimeException e) {
            LOG.warn("The catalog change callback failed on version {}", version, e);
        }
    }

    /** Makes {@code c} the connection close() aborts; false if the watch is closed already (c is then unused). */
    private boolean register(Connection c) {
        synchronized (lock) {
            if (c != null && closed) {
                return false;
            }
            connection = c;
            return true;
        }
    }

    private boolean pause(long ms) {
        try {
            TimeUnit.MILLISECONDS.sleep(ms);
            return !closed;
        } catch (InterruptedException e) {
            return false; // only close() interrupts this thread
        }
    }

    /** Stops the thread: aborts its connection (which ends a wait at once) and waits up to 5 s for it to end. */
    @Override
    public void close() {
        Connection c;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            c = connection;
        }
        if (c != null) {
            try {
                c.abort(Runnable::run);
            } catch (SQLException | RuntimeException e) {
                LOG.debug("Aborting the catalog watch connection failed", e);
            }
        }
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // our caller is being stopped: not waiting is not a stuck watch
            return;
        }
        if (thread.isAlive()) {
            LOG.warn("The catalog watch of {} did not stop within 5 s", description);
        }
    }
}
