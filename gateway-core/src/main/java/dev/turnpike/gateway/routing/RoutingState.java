package dev.turnpike.gateway.routing;

import dev.turnpike.registry.store.VersionedCatalog;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live routing snapshot of a node. The data plane reads {@link #current()} (one volatile read); the control
 * plane calls {@link #publish(VersionedCatalog)} off the event loop, which builds the next snapshot and swaps it in
 * atomically. An older version never replaces a newer one.
 *
 * <p>Thread-safe.
 */
public final class RoutingState {
    private static final Logger log = LoggerFactory.getLogger(RoutingState.class);

    private final AtomicReference<RoutingSnapshot> current = new AtomicReference<>(RoutingSnapshot.EMPTY);
    private final List<Consumer<RoutingSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<RoutingSnapshot>> liveListeners = new CopyOnWriteArrayList<>();
    private volatile boolean loaded;

    /** The snapshot to serve this request with. */
    public RoutingSnapshot current() {
        return current.get();
    }

    /** Whether a catalog has been published at least once (readiness). */
    public boolean isLoaded() {
        return loaded;
    }

    /**
     * Calls {@code listener} before each new snapshot goes live (for resources the snapshot needs, such as upstream
     * connection pools); listeners run on the publishing thread.
     */
    public void beforeSwap(Consumer<RoutingSnapshot> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Calls {@code listener} right after each new snapshot went live, on the publishing thread: whoever reads
     * {@link #current()} after registering interest sees the new snapshot, or is called.
     */
    public void afterSwap(Consumer<RoutingSnapshot> listener) {
        liveListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Builds a snapshot of {@code catalog} and makes it live, unless a newer version is live already. Blocking
     * (CPU-bound): call it off the event loop.
     *
     * @return the snapshot that is live afterwards
     */
    public synchronized RoutingSnapshot publish(VersionedCatalog catalog) {
        RoutingSnapshot previous = current.get();
        if (loaded && catalog.version() < previous.version()) {
            log.info("Ignoring catalog version {}: version {} is live", catalog.version(), previous.version());
            return previous;
        }
        long start = System.nanoTime();
        RoutingSnapshot next = RoutingSnapshot.build(catalog, previous);
        for (Consumer<RoutingSnapshot> l : listeners) {
            l.accept(next);
        }
        // Only now do the endpoints follow the new pools' outlier settings (a trial build must not change them).
        next.pools().values().forEach(p -> p.outliers().attach());
        current.set(next);
        loaded = true;
        for (Consumer<RoutingSnapshot> l : liveListeners) {
            l.accept(next);
        }
        log.info("Catalog version {} live: {} APIs, {} routes, {} pools (built in {} ms)", next.version(),
                catalog.catalog().apis().size(), next.routeCount(), next.pools().size(),
                (System.nanoTime() - start) / 1_000_000);
        return next;
    }
}
