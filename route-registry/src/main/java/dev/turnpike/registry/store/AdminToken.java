package dev.turnpike.registry.store;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A token of the admin API as stored: its name (the actor recorded in the audit log), its role and the SHA-256 of
 * the token's UTF-8 text ({@link dev.turnpike.registry.model.ApiKey#hash(String)}), never the token itself.
 *
 * @param name 1..200 characters of letters, digits, {@code . _ -}
 * @param role what the token may do
 * @param hash 64 lower-case hex digits
 */
public record AdminToken(String name, Role role, String hash) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    /** What a token may do. */
    public enum Role {
        /** Everything. */
        ADMIN,
        /** Reads only. */
        READ_ONLY;

        /** {@code admin} or {@code read-only} (any case, dash or underscore). */
        public static Role parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
                case "admin" -> ADMIN;
                case "read-only" -> READ_ONLY;
                default -> throw new IllegalArgumentException("role: \"" + text + "\" (expected: admin or read-only)");
            };
        }

        /** The text {@link #parse} reads: {@code admin} or {@code read-only}. */
        public String text() {
            return this == ADMIN ? "admin" : "read-only";
        }
    }

    public AdminToken {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: \"" + name
                    + "\" (expected: 1..200 letters, digits, '.', '_' or '-')");
        }
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(hash, "hash");
        if (!HASH.matcher(hash).matches()) {
            throw new IllegalArgumentException("hash: \"" + hash + "\" (expected: 64 lower-case hex digits, the"
                    + " SHA-256 of the token)");
        }
    }

    @Override
    public String toString() {
        return "AdminToken[name=" + name + ", role=" + role.text() + "]";
    }
}
