package dev.turnpike.registry.store;

/** A write named something the catalog does not have, such as a key for an unknown consumer. Nothing changed. */
public class EntityNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String entityType;
    private final String id;

    /** No {@code entityType} (such as {@code consumer}) with this {@code id}. */
    public EntityNotFoundException(String entityType, String id) {
        super(entityType + " \"" + id + "\" (expected: the id of a " + entityType + " in the catalog)");
        this.entityType = entityType;
        this.id = id;
    }

    /** The kind of entity that was not found. */
    public String entityType() {
        return entityType;
    }

    /** The id that was not found. */
    public String id() {
        return id;
    }
}
