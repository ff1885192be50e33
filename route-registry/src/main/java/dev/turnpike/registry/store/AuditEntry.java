package dev.turnpike.registry.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One change to the catalog, as the audit log keeps it.
 *
 * @param version    the catalog version the change produced
 * @param actor      who made it: an admin token's name, {@code system}, ...
 * @param at         when it was committed (whole milliseconds)
 * @param entityType what kind of thing changed: {@code catalog}, {@code api_key}, ...
 * @param entityId   which one ({@code *} for the whole catalog)
 * @param action     {@code replace}, {@code create}, {@code revoke}, ...
 * @param before     a short, secret-free summary of the state before (empty if it did not exist)
 * @param after      the same after the change
 */
public record AuditEntry(long version, String actor, Instant at, String entityType, String entityId, String action,
                         String before, String after) {
    public AuditEntry {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }
}
