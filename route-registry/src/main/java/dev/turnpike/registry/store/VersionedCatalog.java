package dev.turnpike.registry.store;

import dev.turnpike.registry.model.ApiKey;
import dev.turnpike.registry.model.Catalog;
import java.util.List;
import java.util.Objects;

/**
 * A catalog together with the store version it was read at and the API keys stored at that version.
 *
 * @param version monotonically increasing; 0 for a store nothing was ever written to
 * @param catalog the catalog at that version
 * @param keys    every stored API key (hashes, never plaintext), revoked and expired ones included
 */
public record VersionedCatalog(long version, Catalog catalog, List<ApiKey> keys) {
    public VersionedCatalog {
        if (version < 0) {
            throw new IllegalArgumentException("version: " + version + " (expected: >= 0)");
        }
        Objects.requireNonNull(catalog, "catalog");
        keys = List.copyOf(keys);
    }

    /** A catalog without keys. */
    public VersionedCatalog(long version, Catalog catalog) {
        this(version, catalog, List.of());
    }
}
