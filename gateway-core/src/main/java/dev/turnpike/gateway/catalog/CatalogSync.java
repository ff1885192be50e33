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
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a node's live routing snapshot equal to the store's catalog: at start it loads the store (or, if the store
 * is unreachable, the {@link SnapshotFile} of the last catalog served), then checks the store's version every
 * poll interval on its own thread and publishes a newer catalog. While the store is unreachable the node keeps
 * serving the last good snapshot and reports {@link Status#degraded()}; it probes the store every
 * {@value #PROBE_MILLIS} ms and reconnects by itself.
 *
 * <p>Each connected store is also {@linkplain CatalogStore#watch watched}: a notification of a version newer than
 * the live one (or of an unknown version, after the watch (re)connects) schedules a poll on the sync thread at
 * once, so on PostgreSQL a change is live on every node in milliseconds; the periodic poll stays as the fallback.
 * When the watch loses its connection the store is checked at once, so an outage is noticed within the store's
 * connection timeout rather than at the next failed poll.
 *
 * <p>Store work runs on one thread with a bounded queue ({@link StoreQueue}; more is refused as
 * {@link StoreUnavailableException#busy()}); while the store is known to be unreachable, work submitted to it fails
 * at once. Usage counts are written from the caller's thread ({@link #withConnectedStore}) so a slow flush never
 * delays catalog propagation.
 *
 * <p>Thread-safe; {@link #status()} may be read from anywhere.
 */
public final class CatalogSync implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CatalogSync.class);
    static final long PROBE_MILLIS = 250;

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
    private final SnapshotSaver saver;
    private final Duration pollInterval;
    private final StoreQueue queue = new StoreQueue();
    private volatile CatalogStore store;
    private CatalogWatch watch; // of store; both are set and cleared on the sync thread (and in start/close)
    private final AtomicBoolean pollQueued = new AtomicBoolean();
    private final AtomicBoolean probeScheduled = new AtomicBoolean();
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
        this.saver = new SnapshotSaver(snapshotFile);
        this.pollInterval = pollInterval;
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
        queue.every(this::poll, pollInterval.toMillis());
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
            CatalogStore connected = connector.connect();
            watch = connected.watch(this::notified, this::watchLost);
            store = connected;
        }
        return store;
    }

    /** On the watch's thread: hands a poll to the sync thread if the version may be newer; at most one waits. */
    private void notified(long version) {
        if (version == CatalogWatch.UNKNOWN_VERSION || version > routing.current().version()) {
            pollSoon();
        }
    }

    /** On the watch's thread: its connection broke, which is how a stopped database shows first: check now. */
    private void watchLost(Exception cause) {
        log.debug("The catalog watch lost its connection; checking the store", cause);
        pollSoon();
    }

    private void pollSoon() {
        if (pollQueued.compareAndSet(false, true) && !queue.execute(() -> {
            pollQueued.set(false);
            poll();
        })) {
            pollQueued.set(false); // closing
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
        saver.save(catalog);
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
            // Drop the connection pool so the next attempt reconnects from scratch (e.g. after a database restart).
            stopWatching();
            CatalogStore dropped = store;
            store = null;
            try {
                dropped.close();
            } catch (RuntimeException closeError) {
                log.debug("Closing the unreachable store failed", closeError);
            }
        }
        if (probeScheduled.compareAndSet(false, true) && !queue.schedule(() -> {
            probeScheduled.set(false);
            if (status.degraded()) {
                poll();
            }
        }, PROBE_MILLIS)) {
            probeScheduled.set(false); // closing
        }
    }

    /** The store's reachability as last seen. */
    public Status status() {
        return status;
    }

    /**
     * Runs {@code task} with the current store on the sync thread and waits for it (control-plane reads and key
     * writes). Blocking: call it off the event loop.
     *
     * @throws StoreUnavailableException if the store is unreachable (known, or found by this task) or the queue is
     *                                   full; whatever else the task throws is thrown as it is
     */
    public <T> T withStore(StoreTask<T> task) throws Exception {
        return submit(() -> {
            try {
                return task.run(connected());
            } catch (CatalogStoreException e) {
                throw unreachableOrAsIs(e);
            }
        });
    }

    /**
     * Runs {@code task} on the calling thread with the store the sync thread connected, without queueing behind
     * catalog work (usage flushes). Blocking.
     *
     * @throws StoreUnavailableException if no store is connected now or the task finds it unreachable
     */
    public <T> T withConnectedStore(StoreTask<T> task) throws Exception {
        CatalogStore s = store;
        if (s == null || status.degraded()) {
            throw new StoreUnavailableException("the catalog store is unreachable", null, false);
        }
        try {
            return task.run(s);
        } catch (CatalogStoreException e) {
            if (StoreUnavailableException.isUnreachable(e)) {
                throw new StoreUnavailableException("the catalog store is unreachable: " + e.getMessage(), e, false);
            }
            throw e;
        }
    }

    /**
     * Runs the write {@code task} with the current store on the sync thread and, when it succeeds, publishes the
     * catalog it returns (routing snapshot and snapshot file) before returning it: the write is live on this node
     * when this method returns. Blocking: call it off the event loop.
     *
     * <p>Writes of this node run one at a time on the sync thread, so a task that reads the live catalog, plans its
     * changes and applies them sees every earlier write of this node: only writes of other nodes make it stale.
     *
     * @throws StoreUnavailableException if the store is unreachable (then the node reports itself degraded until it
     *                                   answers again) or the queue is full; whatever else the task throws is
     *                                   thrown as it is
     */
    public VersionedCatalog writeAndPublish(StoreTask<VersionedCatalog> task) throws Exception {
        return submit(() -> {
            VersionedCatalog written;
            try {
                written = task.run(connected());
            } catch (CatalogStoreException e) {
                throw unreachableOrAsIs(e);
            }
            if (written.version() > routing.current().version()) {
                publish(written); // an apply that changed nothing returns its base: nothing new to publish
            } else {
                recovered();
            }
            return written;
        });
    }

    /**
     * Checks the store now on the sync thread and waits: publishes a newer catalog if there is one (after a
     * {@link StaleCatalogException}, or after a key was issued). Blocking: call it off the event loop.
     *
     * @throws StoreUnavailableException if the store is unreachable
     */
    public void refresh() throws Exception {
        submit(() -> {
            poll();
                if (status.degraded()) {
                throw new StoreUnavailableException("the catalog store is unreachable: " + status.lastError(), null,
                        false);
            }
            return null;
        });
    }

    /** The store on the sync thread; fails at once while it is known to be unreachable. */
    private CatalogStore connected() throws Exception {
        failIfKnownUnreachable();
        try {
            return store();
        } catch (Exception e) {
            degrade(e);
            throw new StoreUnavailableException("cannot connect to the catalog store: " + e.getMessage(), e, false);
        }
    }

    private Exception unreachableOrAsIs(CatalogStoreException e) {
        if (!StoreUnavailableException.isUnreachable(e)) {
            return e; // the database answered and refused: not an outage
        }
        degrade(e);
        return new StoreUnavailableException("the catalog store is unreachable: " + e.getMessage(), e, false);
    }

    /** Fails at once, without queueing behind a probe, while the store is known to be unreachable. */
    private <T> T submit(Callable<T> work) throws Exception {
        failIfKnownUnreachable();
        return queue.call(work);
    }

    private void failIfKnownUnreachable() throws StoreUnavailableException {
        if (status.degraded() && store == null) {
            throw new StoreUnavailableException("the catalog store is unreachable: " + status.lastError(), null,
                    false);
        }
    }

    /** Work on the store, run on the sync thread. */
    @FunctionalInterface
    public interface StoreTask<T> {
        /** Runs with a connected store. */
        T run(CatalogStore store) throws Exception;
    }

    /**
     * Stops polling, lets the store work in progress end (bounded by the store's timeouts, not interrupted: an
     * interrupt inside the JDBC pool only adds a stack trace to a clean shutdown) and closes the store if this sync
     * opened it.
     */
    @Override
    public void close() {
        queue.close();
        stopWatching();
        if (ownsStore && store != null) {
            store.close();
            store = null;
        }
        saver.close();
    }
}
