package dev.turnpike.registry.store;

import dev.turnpike.registry.model.Catalog;

/**
 * Persistence port of the catalog. Implementations are thread-safe and <b>blocking</b> (JDBC): callers on an event
 * loop wrap calls in {@code Mono.fromCallable(...).subscribeOn(boundedElastic)}.
 *
 * <p>Every write is one transaction that also bumps the catalog version, so a reader never sees half a change and
 * the version tells nodes whether their snapshot is current.
 */
public interface CatalogStore extends AutoCloseable {

    /** The current catalog and its version; version 0 and {@link Catalog#EMPTY} for a new store. */
    VersionedCatalog load();

    /**
     * Makes the stored catalog equal to {@code catalog} in one transaction and bumps the version.
     *
     * @return the catalog as stored, with its new version
     */
    VersionedCatalog replace(Catalog catalog);

    /** The current version, cheaper than {@link #load()}. */
    long version();

    /** Releases connections; idempotent. */
    @Override
    void close();
}
