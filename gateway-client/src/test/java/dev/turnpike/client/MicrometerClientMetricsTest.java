package dev.turnpike.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class MicrometerClientMetricsTest {
    @Test
    void recordsDirectAndGatewayCallsAndRefusalsWithLowCardinalityTags() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerClientMetrics metrics = new MicrometerClientMetrics(registry);
        metrics.direct("products", 200, 1_000_000);
        metrics.direct("products", 503, 1_000_000);
        metrics.direct("products", 0, 1_000_000);
        metrics.viaGateway("products", ClientMetrics.Fallback.INSTANCES_FAILED, 2_000_000);
        metrics.limited("products", "rate");

        assertThat(registry.get("turnpike.client.calls").tags("path", "direct", "outcome", "2xx").timer().count())
                .isEqualTo(1);
        assertThat(registry.get("turnpike.client.calls").tags("outcome", "5xx").timer().count()).isEqualTo(1);
        assertThat(registry.get("turnpike.client.calls").tags("outcome", "error").timer().count()).isEqualTo(1);
        assertThat(registry.get("turnpike.client.calls").tags("path", "gateway", "outcome", "instances-failed")
                .timer().count()).isEqualTo(1);
        assertThat(registry.get("turnpike.client.limited").tags("api", "products", "reason", "rate").counter()
                .count()).isEqualTo(1.0);
    }
}
