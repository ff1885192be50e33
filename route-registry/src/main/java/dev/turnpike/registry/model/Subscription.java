package dev.turnpike.registry.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A consumer's right to call one API.
 *
 * @param consumer the consumer's id
 * @param api      the API's id
 * @param plan     its limits; empty for the API's default ({@link ApiPolicies#rateLimit()}, or unlimited)
 * @param direct   whether the consumer may look the API up and call its instances end-to-end, bypassing the gateway
 */
public record Subscription(String consumer, String api, Optional<Plan> plan, boolean direct) {
    public Subscription {
        Slug.require("consumer", consumer);
        Slug.require("api", api);
        Objects.requireNonNull(plan, "plan");
    }
}
