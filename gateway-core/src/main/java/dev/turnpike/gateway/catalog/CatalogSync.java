package dev.turnpike.gateway.catalog;

import dev.turnpike.gateway.routing.RoutingState;
import dev.turnpike.registry.store.CatalogStore;
import dev.turnpike.registry.store.StoreInUseException;
import dev.turnpike.registry.store.CatalogStoreException;
import dev.turnpike.registry.store.CatalogWatch;
import dev.turnpike.registry.store.StaleCatalogException;
import dev.turnpike.registry.store.VersionedCatalog;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a node's live routing snapshot equal to the store's catalog: at start it loads the store (or, if the store
 * is unreachable, the {@link SnapshotFile} of the last catalog served), then checks the store's version every
 * poll interval on its own thread and publishes a newer catalog. While the store is unreachable the node keeps
 * serving the last good snapshot and reports {@link Status#degraded()}; it reconnects by itself.
 *
 * <p>Each connected store is also {@linkplain CatalogStore#watch watched}: a notification of a version newer than
 * the live one (or of an unknown version, after the watch (re)connects) schedules a poll on the sync thread at
 * once, so on PostgreSQL a change is live on every node in milliseconds; the periodic poll stays as the fallback.
 *
 * <p>Thread-safe: one background thread does all store I/O; {@link #status()} may be read from anywhere.
 */
public final class CatalogSync implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CatalogSync.class);

    /**
     * What the node knows about its store.
     *
     * @param degraded     whether the last attempt to reach the store failed
     * @param lastError    why, if degraded
     * @param lastContact  when the store last answered, or {@code null} if never
     */
    public record Status(boolean degraded, String lastError, Instant lastContact) {
    }

    private final StoreConnector connector;
    private final boolean ownsStore;
    private final RoutingState routing;
    private final SnapshotFile snapshotFile;
    private final Duration pollInterval;
    private final ScheduledExecutorService thread;
    private static final Duration SNAPSHOT_FILE_DELAY = Duration.ofSeconds(1);

    private final ScheduledThreadPoolExecutor fileThread;
    private final AtomicReference<VersionedCatalog> unsaved = new AtomicReference<>();
    private CatalogStore store;
    private CatalogWatch watch; // of store; both are set and cleared on the sync thread (and in start/close)
    private final AtomicBoolean pollQueued = new AtomicBoolean();
    private volatile Status status = new Status(false, null, null);

    /**
     * @param connector    opens the store (again after failures)
     * @param ownsStore    whether {@link #close()} closes the stores the connector returned
     * @param pollInterval how often the store's version is checked
     */
    public CatalogSync(StoreConnector connector, boolean ownsStore, RoutingState routing, SnapshotFile snapshotFile,
                       Duration pollInterval) {
        this.connector = connector;
        this.ownsStore = ownsStore;
        this.routing = routing;
        this.snapshotFile = snapshotFile;
        this.pollInterval = pollInterval;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "turnpike-catalog-sync");
            t.setDaemon(true);
            return t;
        });
        this.fileThread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "turnpike-snapshot-file");
            t.setDaemon(true);
            return t;
        });
        fileThread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // close() saves what is pending
    }

    /**
     * Publishes the first snapshot: from the store, else from the snapshot file. Blocking.
     *
     * @throws IllegalStateException if neither the store nor a snapshot file can provide a catalog
     */
    public void start() {
        try {
            publish(store().load());
        } catch (StoreInUseException inUse) {
            throw new IllegalStateException(inUse.getMessage(), inUse); // another node's directory: never serve it
        } catch (Exception storeError) {
            degrade(storeError);
            Optional<VersionedCatalog> cached;
            try {
                cached = snapshotFile.read();
            } catch (IOException fileError) {
                storeError.addSuppressed(fileError);
                cached = Optional.empty();
            }
            if (cached.isEmpty()) {
                throw new IllegalStateException("The catalog store is unreachable and there is no usable snapshot file "
                        + snapshotFile.path() + " to start from", storeError);
            }
            log.warn("Catalog store unreachable ({}); serving catalog version {} from {}", storeError.getMessage(),
                    cached.get().version(), snapshotFile.path());
            routing.publish(cached.get());
        }
        long ms = pollInterval.toMillis();
        thread.scheduleWithFixedDelay(this::poll, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Checks the store now (also what the timer does); publishes a newer catalog if there is one. */
    public void poll() {
        try {
            CatalogStore s = store();
            if (!routing.isLoaded()) {
                publish(s.load());
            } else if (s.version() > routing.current().version()) {
                publish(s.loadSince(routing.current().versioned())); // reads only what changed, when it can
            } else {
                recovered();
            }
        } catch (Exception e) {
            degrade(e);
        }
    }

    private CatalogStore store() throws Exception {
        if (store == null) {
            store = connector.connect();
            watch = store.watch(this::notified);
        }
        return store;
    }

    /** On the watch's thread: hands a poll to the sync thread if the version may be newer; at most one waits. */
    private void notified(long version) {
        boolean newer = version == CatalogWatch.UNKNOWN_VERSION || version > routing.current().version();
        if (newer && pollQueued.compareAndSet(false, true)) {
            try {
                thread.execute(() -> {
                    pollQueued.set(false);
                    poll();
                });
            } catch (RejectedExecutionException closing) {
                pollQueued.set(false);
            }
        }
    }

    private void stopWatching() {
        if (watch != null) {
            watch.close();
            watch = null;
        }
    }

    private void publish(VersionedCatalog catalog) {
        recovered();
        routing.publish(catalog);
        // The file is written on its own thread, a moment later, latest version only: a burst of writes at 10,000
        // APIs must not pay for one multi-megabyte file per change. close() writes what is pending.
        if (unsaved.getAndSet(catalog) == null) {
            fileThread.schedule(this::saveSnapshot, SNAPSHOT_FILE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void saveSnapshot() {
        VersionedCatalog catalog = unsaved.getAndSet(null);
        if (catalog == null) {
            return;
        }
        try {
            snapshotFile.write(catalog);
        } catch (IOException e) {
            log.warn("Could not write the snapshot file {}: {}", snapshotFile.path(), e.toString());
        }
    }

    private void recovered() {
        Status previous = status;
        status = new Status(false, null, Instant.now());
        if (previous.degraded()) {
            log.info("Catalog store reachable again");
        }
    }

    private void degrade(Exception e) {
        Status previous = status;
        status = new Status(true, String.valueOf(e.getMessage()), previous.lastContact());
        if (!previous.degraded()) {
            log.warn("Catalog store unreachable, serving the last good snapshot: {}", e.toString());
        }
        if (ownsStore && store != null) {
            // Drop the connection pool so the next poll reconnects from scratch (e.g. after a database restart).
            stopWatching();
            try {
                store.close();
            } catch (RuntimeException closeError) {
                log.debug("Closing the unreachable store failed", closeError);
            }
            store = null;
        }
    }

    /** The store's reachability as last seen. */
    public Status status() {
        return status;
    }

    /** Runs {@code task} with the current store on the sync thread and waits for it (control-plane writes). */
    public <T> T withStore(StoreTask<T> task) throws Exception {
        return thread.submit(() -> task.run(store())).get();
    }

    /**
     * Runs the write {@code task} with the current store on the sync thread and, when it succeeds, publishes the
     * catalog it returns (routing snapshot and snapshot file) before returning it: the write is live on this node
     * when this method returns. Blocking: call it off the event loop.
     *
     * <p>Writes of this node run one at a time on the sync thread, so a task that reads the live catalog, plans its
     * changes and applies them sees every earlier write of this node: only writes of other nodes make it stale.
     * Whatever the task throws is thrown as it is; a {@link CatalogStoreException} (the store unreachable or
     * failing) or a failure to connect also makes the node report itself degraded until the store answers again.
     */
    public VersionedCatalog writeAndPublish(StoreTask<VersionedCatalog> task) throws Exception {
        return unwrap(thread.submit(() -> {
            CatalogStore s;
            try {
                s = store();
            } catch (Exception e) {
                degrade(e);
                throw e;
            }
            VersionedCatalog written;
            try {
                written = task.run(s);
            } catch (CatalogStoreException e) {
                degrade(e);
                throw e;
            }
            if (written.version() > routing.current().version()) {
                publish(written); // an apply that changed nothing returns its base: nothing new to publish
            } else {
                recovered();
            }
            return written;
        }));
    }

    /**
     * Checks the store now on the sync thread and waits: publishes a newer catalog if there is one (after a
     * {@link StaleCatalogException}, or after a key was issued). Blocking: call it off the event loop.
     */
    public void refresh() throws Exception {
        unwrap(thread.submit(() -> {
            poll();
            return null;
        }));
    }

    private static <T> T unwrap(Future<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Work on the store, run on the sync thread. */
    @FunctionalInterface
    public interface StoreTask<T> {
        /** Runs with a connected store. */
        T run(CatalogStore store) throws Exception;
    }

    /** Stops polling and closes the store if this sync opened it. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopWatching();
        if (ownsStore && store != null) {
            store.close();
            store = null;
        }
        fileThread.shutdown();
        saveSnapshot(); // what is pending now, instead of after the delay
        try {
            if (!fileThread.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("The snapshot file {} is still being written at shutdown", snapshotFile.path());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
