package dev.turnpike.registry.store;

/**
 * A write was based on a catalog version that is no longer the stored one: someone else wrote meanwhile. Nothing
 * changed; load the current catalog, re-check the change against it, and try again.
 */
public class StaleCatalogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long expected;
    private final long actual;

    public StaleCatalogException(long expected, long actual) {
        super("catalog version " + actual + " is stored (expected: " + expected + ", the version the change is based on)");
        this.expected = expected;
        this.actual = actual;
    }

    /** The version the write was based on. */
    public long expected() {
        return expected;
    }

    /** The version stored when the write was tried. */
    public long actual() {
        return actual;
    }
}
