package dev.turnpike.registry.model;

import java.util.Objects;

/**
 * A key just issued: the stored form and the plaintext, which is shown to its owner once and kept nowhere.
 * {@link #toString()} leaves the plaintext out, so it cannot end up in a log by accident.
 *
 * @param key       what the store keeps
 * @param plaintext the key to hand to the consumer
 */
public record IssuedApiKey(ApiKey key, String plaintext) {
    public IssuedApiKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(plaintext, "plaintext");
        if (!ApiKey.hash(plaintext).equals(key.hash()) || !plaintext.startsWith(key.prefix())) {
            throw new IllegalArgumentException("plaintext: (expected: the key whose hash and prefix are stored)");
        }
    }

    @Override
    public String toString() {
        return "IssuedApiKey[key=" + key + ", plaintext=" + key.prefix() + "...(redacted)]";
    }
}
