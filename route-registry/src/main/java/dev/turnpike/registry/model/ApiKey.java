package dev.turnpike.registry.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A consumer's API key as stored: never the key itself, only its SHA-256 hash (enough for keys of 256 random bits,
 * which cannot be guessed, so a slow password hash buys nothing) and a short visible prefix that lets people tell
 * keys apart. {@link ApiKeyGenerator} makes keys; the plaintext exists only in its {@link IssuedApiKey}.
 *
 * @param id        unique id of the key (not secret)
 * @param consumer  the id of the consumer it identifies
 * @param prefix    the first {@link ApiKeyGenerator#PREFIX_LENGTH} characters of the key, shown in listings
 * @param hash      {@link #hash(String)} of the key: 64 lower-case hex digits
 * @param createdAt when it was issued (whole milliseconds)
 * @param expiresAt when it stops working, if ever (whole milliseconds)
 * @param revoked   whether it was revoked
 */
public record ApiKey(String id, String consumer, String prefix, String hash, Instant createdAt,
                     Optional<Instant> expiresAt, boolean revoked) {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    public ApiKey {
        Objects.requireNonNull(id, "id");
        if (id.isBlank() || id.length() > 64) {
            throw new IllegalArgumentException("id: \"" + id + "\" (expected: 1..64 characters)");
        }
        Slug.require("consumer", consumer);
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty() || prefix.length() > 32) {
            throw new IllegalArgumentException("prefix: \"" + prefix + "\" (expected: 1..32 characters)");
        }
        Objects.requireNonNull(hash, "hash");
        if (!HASH.matcher(hash).matches()) {
            throw new IllegalArgumentException("hash: (expected: 64 lower-case hex digits)");
        }
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (expiresAt.isPresent() && !expiresAt.get().isAfter(createdAt)) {
            throw new IllegalArgumentException("expiresAt: " + expiresAt.get() + " (expected: after createdAt "
                    + createdAt + ")");
        }
    }

    /** Whether the key is accepted at {@code now}: not revoked and not expired. */
    public boolean isValidAt(Instant now) {
        return !revoked && (expiresAt.isEmpty() || now.isBefore(expiresAt.get()));
    }

    /** A copy marked revoked. */
    public ApiKey revoke() {
        return new ApiKey(id, consumer, prefix, hash, createdAt, expiresAt, true);
    }

    /** The stored form of a presented key: SHA-256 of its UTF-8 bytes, lower-case hex. */
    public static String hash(String plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(plaintext.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
