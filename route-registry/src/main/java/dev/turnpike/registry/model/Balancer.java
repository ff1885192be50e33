package dev.turnpike.registry.model;

/** How a pool picks one of its instances for a request. */
public enum Balancer {
    /** Power of two choices: pick two instances by weight, send to the one with fewer requests in flight (default). */
    LEAST_OUTSTANDING,
    /** Smooth weighted round robin (the nginx algorithm): deterministic, proportional to weights. */
    ROUND_ROBIN,
    /**
     * Power of two choices by peak-EWMA cost (Finagle, Linkerd): pick two instances by weight, send to the one with
     * the lower latency average (which jumps up to a slow answer at once and decays over about 10 s) times
     * (in-flight + 1), relative to its weight.
     */
    PEAK_EWMA
}
