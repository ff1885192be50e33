package dev.turnpike.gateway.catalog;

import dev.turnpike.registry.store.VersionedCatalog;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes published catalogs to the {@link SnapshotFile} on its own thread, a moment later, latest version only: a
 * burst of writes at 10,000 APIs must not pay for one multi-megabyte file per change. {@link #close()} writes what is
 * pending. Thread-safe.
 */
final class SnapshotSaver implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SnapshotSaver.class);
    private static final Duration DELAY = Duration.ofSeconds(1);

    private final SnapshotFile file;
    private final ScheduledThreadPoolExecutor thread;
    private final AtomicReference<VersionedCatalog> unsaved = new AtomicReference<>();

    SnapshotSaver(SnapshotFile file) {
        this.file = file;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "turnpike-snapshot-file");
            t.setDaemon(true);
            return t;
        });
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // close() saves what is pending
    }

    /** Saves {@code catalog} soon, unless a newer one comes first. */
    void save(VersionedCatalog catalog) {
        if (unsaved.getAndSet(catalog) == null) {
            thread.schedule(this::saveNow, DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void saveNow() {
        VersionedCatalog catalog = unsaved.getAndSet(null);
        if (catalog == null) {
            return;
        }
        try {
            file.write(catalog);
        } catch (IOException e) {
            log.warn("Could not write the snapshot file {}: {}", file.path(), e.toString());
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        saveNow(); // what is pending now, instead of after the delay
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("The snapshot file {} is still being written at shutdown", file.path());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
