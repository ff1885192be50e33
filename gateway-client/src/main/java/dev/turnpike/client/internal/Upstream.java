package dev.turnpike.client.internal;

import dev.turnpike.client.ApiRouting;

/**
 * One instance chosen for one attempt.
 *
 * @param pool     its pool
 * @param instance the instance
 * @param state    its in-flight count and breaker
 */
record Upstream(ApiRouting.PoolRouting pool, ApiRouting.InstanceRouting instance, InstanceState state) {
}
