package dev.turnpike.throttling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThrottleDecisionTest {

    @Test
    void roundsHeaderSecondsUp() {
        ThrottleDecision denied = ThrottleDecision.deny(10, 0, Duration.ofMillis(1500), Duration.ofMillis(1),
                "10;w=1;burst=10", ThrottleReason.RATE_LIMITED);
        assertThat(denied.resetSeconds()).isEqualTo(2);
        assertThat(denied.retryAfterSeconds()).isEqualTo(1);
        assertThat(ThrottleDecision.allow(10, 10, Duration.ZERO, "p", ThrottleReason.WITHIN_LIMIT).resetSeconds())
                .isZero();
    }

    @Test
    void rejectsRemainingAboveLimit() {
        assertThatThrownBy(() -> ThrottleDecision.allow(10, 11, Duration.ZERO, "p", ThrottleReason.WITHIN_LIMIT))
                .hasMessage("remaining: 11 (expected: 0..10)");
    }

    @Test
    void rejectsRetryAfterOnAllowedDecision() {
        assertThatThrownBy(() -> new ThrottleDecision(true, 10, 1, Duration.ZERO, Duration.ofSeconds(1), "p",
                ThrottleReason.WITHIN_LIMIT))
                .hasMessage("retryAfter: PT1S (expected: zero when allowed)");
    }

    @Test
    void rejectsNegativeReset() {
        assertThatThrownBy(() -> ThrottleDecision.allow(10, 1, Duration.ofSeconds(-1), "p",
                ThrottleReason.WITHIN_LIMIT))
                .hasMessage("reset: PT-1S (expected: >= 0)");
    }
}
