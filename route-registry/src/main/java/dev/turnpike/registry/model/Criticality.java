package dev.turnpike.registry.model;

/** How much an API matters: critical APIs get their own bulkhead, isolated from the standard ones. */
public enum Criticality {
    /** Isolated from other APIs' overload (its own bulkhead). */
    CRITICAL,
    /** Shares the standard bulkhead (default). */
    STANDARD
}
