package dev.turnpike.registry.model;

import java.util.Objects;

/**
 * A team: the owner of APIs and of consumers, so the catalog can answer "what does team X own and call".
 *
 * @param id          slug, unique in the catalog
 * @param name        human name
 * @param contact     how to reach the team (mail address, chat channel); may be empty
 * @param description free text; may be empty
 */
public record Team(String id, String name, String contact, String description) {
    public Team {
        Slug.require("id", id);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(description, "description");
    }
}
