package dev.turnpike.registry.model;

/**
 * What the gateway does with a request whose path carries an encoded slash or backslash ({@code %2F}, {@code %5C}):
 * a backend may decode one into a path separator, so it is refused unless the API says it expects them.
 */
public enum EncodedSlashes {
    /** 400 {@code encoded-slash}, the default. */
    REFUSE,
    /** Forwarded untouched, the escape still encoded; the route is matched with it inside its segment. */
    PASS
}
