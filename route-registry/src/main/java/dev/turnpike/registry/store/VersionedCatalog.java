package dev.turnpike.registry.store;

import dev.turnpike.registry.model.Catalog;
import java.util.Objects;

/**
 * A catalog together with the store version it was read at.
 *
 * @param version monotonically increasing; 0 for a store nothing was ever written to
 * @param catalog the catalog at that version
 */
public record VersionedCatalog(long version, Catalog catalog) {
    public VersionedCatalog {
        if (version < 0) {
            throw new IllegalArgumentException("version: " + version + " (expected: >= 0)");
        }
        Objects.requireNonNull(catalog, "catalog");
    }
}
