package dev.turnpike.registry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyGeneratorTest {
    private static final Instant NOW = Instant.parse("2026-11-22T01:00:00.123456Z");
    private final ApiKeyGenerator generator =
            new ApiKeyGenerator(new SecureRandom(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void issuesA256BitSecretStoredOnlyAsHashAndPrefix() {
        IssuedApiKey issued = generator.generate("web", Optional.of(NOW.plusSeconds(60)));
        String plaintext = issued.plaintext();

        assertThat(plaintext).matches("tpk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(plaintext.substring(13))).hasSize(32);
        ApiKey key = issued.key();
        assertThat(key.consumer()).isEqualTo("web");
        assertThat(key.prefix()).isEqualTo(plaintext.substring(0, 12));
        assertThat(key.hash()).isEqualTo(ApiKey.hash(plaintext)).hasSize(64).doesNotContain(plaintext);
        assertThat(key.createdAt()).isEqualTo(Instant.parse("2026-11-22T01:00:00.123Z"));
        assertThat(key.isValidAt(NOW)).isTrue();
        assertThat(key.isValidAt(NOW.plusSeconds(61))).isFalse();
        assertThat(key.revoke().isValidAt(NOW)).isFalse();
        assertThat(issued.toString()).doesNotContain(plaintext.substring(13)).contains("redacted");
    }

    @Test
    void everyKeyIsDifferent() {
        Set<String> keys = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            IssuedApiKey k = generator.generate("web", Optional.empty());
            keys.add(k.plaintext());
            ids.add(k.key().id());
        }
        assertThat(keys).hasSize(1000);
        assertThat(ids).hasSize(1000);
    }

    @Test
    void hashIsSha256Hex() {
        assertThat(ApiKey.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void rejectsAnExpiryNotInTheFuture() {
        assertThatThrownBy(() -> generator.generate("web", Optional.of(NOW.minusSeconds(1))))
                .hasMessageStartingWith("expiresAt: ");
    }
}
