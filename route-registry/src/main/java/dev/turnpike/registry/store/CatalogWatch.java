package dev.turnpike.registry.store;

/**
 * A subscription to a store's change notifications, from {@link CatalogStore#watch}. Closing it stops the
 * notifications; idempotent.
 */
public interface CatalogWatch extends AutoCloseable {
    /**
     * The version a watch reports when it cannot say which version is current: it has just (re)started listening and
     * notifications sent before, or while it was disconnected, were missed. The caller should read the version.
     */
    long UNKNOWN_VERSION = -1;

    /** A watch that never reports anything: for stores that cannot push changes (callers poll them). */
    CatalogWatch NONE = () -> { };

    /** Stops the notifications and releases what the watch holds; returns promptly. */
    @Override
    void close();
}
