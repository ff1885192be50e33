package dev.turnpike.registry.model;

/** Where an API is in its life: serving, serving with a sunset announced, or gone. */
public enum Lifecycle {
    /** Serving normally. */
    ACTIVE,
    /** Serving, but callers are told (Deprecation/Sunset headers) to move away. */
    DEPRECATED,
    /** No longer served: the gateway answers 410 Gone. */
    RETIRED
}
