package dev.turnpike.throttling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThrottleKeyTest {

    @Test
    void consumerKeyAndApiWideKeyDiffer() {
        assertThat(ThrottleKey.of("web", "products")).isEqualTo(new ThrottleKey("products", "web"));
        assertThat(ThrottleKey.forApi("products").isApiWide()).isTrue();
        assertThat(ThrottleKey.of("web", "products").isApiWide()).isFalse();
    }

    @Test
    void rejectsBlankIdsAndRedisReservedCharacters() {
        assertThatThrownBy(() -> ThrottleKey.of(" ", "products"))
                .hasMessage("consumer: ' ' (expected: a non-blank id)");
        assertThatThrownBy(() -> ThrottleKey.of("web", "a{b}"))
                .hasMessage("api: 'a{b}' (expected: an id without '{', '}' or '|')");
    }
}
