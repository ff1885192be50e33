package dev.turnpike.registry.model;

/**
 * How much an API matters. The gateway gives CRITICAL APIs their own upstream connection pools and their own
 * concurrency budget (bulkhead, {@code upstream.criticalConcurrency}), apart from the STANDARD APIs' ones
 * ({@code upstream.standardConcurrency}), so STANDARD traffic cannot starve them (docs/resilience.md).
 */
public enum Criticality {
    /** Own connection pools and concurrency budget, isolated from STANDARD APIs' load. */
    CRITICAL,
    /** Shares the STANDARD connection pools and concurrency budget with the other STANDARD APIs (default). */
    STANDARD
}
