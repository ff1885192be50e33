package dev.turnpike.registry.model;

import java.util.Objects;

/**
 * A caller of APIs: an application of some team. Its API keys are not part of the catalog (they are issued by the
 * admin API and kept by the store as hashes); its subscriptions are {@link Subscription}s of the catalog.
 *
 * @param id      slug, unique among consumers
 * @param name    human name
 * @param team    the id of the team it belongs to
 * @param contact how to reach its owners; may be empty
 * @param state   whether its keys are accepted
 */
public record Consumer(String id, String name, String team, String contact, ConsumerState state) {
    public Consumer {
        Slug.require("id", id);
        Objects.requireNonNull(name, "name");
        Slug.require("team", team);
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(state, "state");
    }
}
