package dev.turnpike.registry.store;

/**
 * A catalog store could not do what was asked: the database is unreachable, rejected a write, or is already in use.
 * Unchecked, because callers can rarely do more than report it; the cause (usually a {@link java.sql.SQLException})
 * is kept. A failed write changed nothing.
 */
public class CatalogStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}, caused by {@code cause} (may be {@code null}). */
    public CatalogStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
