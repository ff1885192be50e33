package dev.turnpike.gateway.catalog;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread ({@code turnpike-catalog-sync}) all of a node's catalog store work runs on, with a bounded queue:
 * at most {@value #LIMIT} callers' tasks wait or run at once, more are refused as
 * {@link StoreUnavailableException#busy()} instead of queueing without bound. The node's own timers and wake-ups
 * ({@link #execute}, {@link #schedule}) are not counted: each is deduplicated by its owner. Closing lets the work in
 * progress end instead of interrupting it (an interrupt inside the JDBC pool only adds a stack trace to a clean
 * shutdown). Thread-safe.
 */
final class StoreQueue implements AutoCloseable {
    static final int LIMIT = 64;
    private static final Logger log = LoggerFactory.getLogger(StoreQueue.class);

    private final ScheduledThreadPoolExecutor thread;
    private final Semaphore slots = new Semaphore(LIMIT);

    StoreQueue() {
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "turnpike-catalog-sync");
            t.setDaemon(true);
            return t;
        });
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // no probes after close()
    }

    /**
     * Runs {@code work} on the store thread and waits for it; what it throws is thrown as it is.
     *
     * @throws StoreUnavailableException if {@value #LIMIT} tasks are queued already, or the queue is closed
     */
    <T> T call(Callable<T> work) throws Exception {
        if (!slots.tryAcquire()) {
            throw new StoreUnavailableException("the catalog store's queue on this node is full (" + LIMIT
                    + " tasks)", null, true);
        }
        try {
            return thread.submit(() -> {
                try {
                    return work.call();
                } finally {
                    slots.release();
                }
            }).get();
        } catch (RejectedExecutionException e) {
            slots.release();
            throw new StoreUnavailableException("the node is shutting down", e, false);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Runs {@code task} on the store thread soon; false if the queue is closed. */
    boolean execute(Runnable task) {
        try {
            thread.execute(task);
            return true;
        } catch (RejectedExecutionException closing) {
            return false;
        }
    }

    /** Runs {@code task} on the store thread after {@code millis}; false if the queue is closed. */
    boolean schedule(Runnable task, long millis) {
        try {
            thread.schedule(task, millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException closing) {
            return false;
        }
    }

    /** Runs {@code task} every {@code millis} (after the previous run ends). */
    void every(Runnable task, long millis) {
        thread.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Stops the timers and waits up to 10 s for the work in progress (then interrupts it). */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Catalog store work still running 10 s after shutdown began; interrupting it");
                thread.shutdownNow();
                thread.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
