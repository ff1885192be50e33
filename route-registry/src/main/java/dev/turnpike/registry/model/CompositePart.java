package dev.turnpike.registry.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One upstream call of a {@link Composite}: an ordinary call to an API of the catalog, whose JSON result is put
 * under {@link #name} in the merged answer.
 *
 * @param name     the member of the merged answer and what other parts' references name: a letter, then letters,
 *                 digits or {@code _} (at most 64); not {@code query} or {@code header}
 * @param api      the id of an API of the catalog
 * @param request  what to send, relative to the API's base path
 * @param optional whether the composite still answers when this part fails (with {@code null} for it)
 * @param timeout  this part's own deadline, within the composite's; empty: the composite's deadline only
 */
public record CompositePart(String name, String api, PartRequest request, boolean optional,
                            Optional<Duration> timeout) {
    /** What a part name looks like. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    public CompositePart {
        requireName("name", name);
        Slug.require("api", api);
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(timeout, "timeout");
        timeout.ifPresent(t -> Composite.requirePositive("timeout", t));
    }

    /** Returns {@code name} or throws with the field and what was expected. */
    static String requireName(String field, String name) {
        if (name == null || !NAME.matcher(name).matches() || name.equals("query") || name.equals("header")) {
            throw new IllegalArgumentException(field + ": " + (name == null ? "null" : "\"" + name + "\"")
                    + " (expected: a letter, then up to 63 letters, digits or _; not query or header)");
        }
        return name;
    }
}
