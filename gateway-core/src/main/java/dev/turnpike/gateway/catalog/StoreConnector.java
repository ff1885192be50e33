package dev.turnpike.gateway.catalog;

import dev.turnpike.registry.store.CatalogStore;

/**
 * Opens the catalog store; called again after a failure until it succeeds. Blocking: called on the catalog sync
 * thread or at start-up, never on an event loop.
 */
@FunctionalInterface
public interface StoreConnector {

    /** A connected store; throws when the store cannot be reached. */
    CatalogStore connect() throws Exception;
}
