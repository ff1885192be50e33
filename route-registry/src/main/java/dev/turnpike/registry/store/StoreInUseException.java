package dev.turnpike.registry.store;

import java.nio.file.Path;

/**
 * The embedded store's data directory is open in another store, in this or another process. Not a passing outage:
 * a second node on the same directory must not start (it would serve an old catalog and write nothing).
 */
public final class StoreInUseException extends CatalogStoreException {
    private static final long serialVersionUID = 1L;

    private final transient Path directory;

    /**
     * @param directory the data directory
     * @param holder    what is known of the process that holds it ({@code "process 1234"}), or empty
     */
    public StoreInUseException(Path directory, String holder, Throwable cause) {
        super("the data directory " + directory + " is already in use by "
                + (holder.isEmpty() ? "another turnpike node" : "another turnpike node (" + holder + ")")
                + " (expected: stop that node, or give this one its own --data-dir)", cause);
        this.directory = directory;
    }

    /** The data directory that is in use. */
    public Path directory() {
        return directory;
    }
}
