package dev.turnpike.registry.model;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes API keys: {@code tpk_} + 8 random lower-case letters and digits (the visible lookup prefix) + {@code _} +
 * 256 random bits in base64url (43 characters), from a {@link SecureRandom}. Example:
 * {@code tpk_3f9kq2xa_pJ0c...}. Only the prefix and a SHA-256 hash are stored.
 *
 * <pre>{@code
 * IssuedApiKey issued = new ApiKeyGenerator().generate("mypage-web", Optional.empty());
 * show(issued.plaintext()); // once
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class ApiKeyGenerator {
    /** Length of the visible prefix, {@code tpk_} included. */
    public static final int PREFIX_LENGTH = 12;

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int SECRET_BYTES = 32;

    private final SecureRandom random;
    private final Clock clock;

    /** Keys from a new {@link SecureRandom}, dated by the UTC system clock. */
    public ApiKeyGenerator() {
        this(new SecureRandom(), Clock.systemUTC());
    }

    /** Keys from {@code random}, dated by {@code clock}. */
    public ApiKeyGenerator(SecureRandom random, Clock clock) {
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A new key for {@code consumer}; times are truncated to whole milliseconds (what stores keep).
     *
     * @throws IllegalArgumentException if {@code expiresAt} is not in the future
     */
    public IssuedApiKey generate(String consumer, Optional<Instant> expiresAt) {
        Objects.requireNonNull(expiresAt, "expiresAt");
        StringBuilder prefix = new StringBuilder("tpk_");
        while (prefix.length() < PREFIX_LENGTH) {
            prefix.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        String plaintext = prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byte[] id = new byte[12];
        random.nextBytes(id);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ApiKey key = new ApiKey("key-" + HexFormat.of().formatHex(id), consumer, prefix.toString(),
                ApiKey.hash(plaintext), now, expiresAt.map(t -> t.truncatedTo(ChronoUnit.MILLIS)), false);
        return new IssuedApiKey(key, plaintext);
    }
}
