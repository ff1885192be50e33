package dev.turnpike.registry.model;

import java.util.Objects;

/**
 * One share of an API's traffic: the named pool and its relative weight. Weights of an API's targets need not add
 * up to 100; a weight of 0 keeps the pool configured but sends it nothing (a canary at 0 %).
 *
 * @param pool   id of an {@link UpstreamPool}
 * @param weight relative share, 0..1000000
 */
public record Target(String pool, int weight) {
    public Target {
        Objects.requireNonNull(pool, "pool");
        if (pool.isBlank()) {
            throw new IllegalArgumentException("pool: \"\" (expected: a pool id)");
        }
        if (weight < 0 || weight > 1_000_000) {
            throw new IllegalArgumentException("weight: " + weight + " (expected: 0..1000000)");
        }
    }
}
