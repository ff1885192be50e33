package dev.turnpike.throttling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClusterLimitsSettingsTest {

    @Test
    void builderDefaultsAreDocumentedOnes() {
        ClusterLimitsSettings settings = ClusterLimitsSettings.builder("redis://localhost:6379").build();
        assertThat(settings.callTimeout()).isEqualTo(Duration.ofMillis(100));
        assertThat(settings.failurePolicy()).isEqualTo(RedisFailurePolicy.FAIL_OPEN);
        assertThat(settings.nodeCount()).isEqualTo(1);
        assertThat(settings.toBuilder().build()).isEqualTo(settings);
    }

    @Test
    void rejectsNonPositiveTimeout() {
        assertThatThrownBy(() -> ClusterLimitsSettings.builder("redis://x").callTimeout(Duration.ofMillis(-5)).build())
                .hasMessage("callTimeout: PT-0.005S (expected: > 0)");
    }

    @Test
    void rejectsZeroNodes() {
        assertThatThrownBy(() -> ClusterLimitsSettings.builder("redis://x").nodeCount(0).build())
                .hasMessage("nodeCount: 0 (expected: > 0)");
    }
}
