package dev.turnpike.registry.model;

/** How a pool picks one of its instances for a request. */
public enum Balancer {
    /** Power of two choices: pick two instances by weight, send to the one with fewer requests in flight (default). */
    LEAST_OUTSTANDING,
    /** Smooth weighted round robin (the nginx algorithm): deterministic, proportional to weights. */
    ROUND_ROBIN
}
