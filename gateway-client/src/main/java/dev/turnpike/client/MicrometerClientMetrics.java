package dev.turnpike.client;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * {@link ClientMetrics} in a Micrometer registry:
 *
 * <ul>
 *   <li>{@code turnpike.client.calls} (timer): tags {@code api}, {@code path} ({@code direct} or {@code gateway}),
 *       {@code outcome} ({@code 2xx}..{@code 5xx}, {@code error}, or the fallback reason for {@code gateway}).</li>
 *   <li>{@code turnpike.client.limited} (counter): tags {@code api}, {@code reason} ({@code rate} or
 *       {@code quota}).</li>
 * </ul>
 *
 * <pre>{@code
 * TurnpikeClient client = TurnpikeClient.builder(gatewayUrl, apiKey)
 *         .metrics(new MicrometerClientMetrics(meterRegistry))
 *         .build();
 * }</pre>
 *
 * <p>Thread-safe. Needs {@code io.micrometer:micrometer-core} on the class path.
 */
public final class MicrometerClientMetrics implements ClientMetrics {
    private final MeterRegistry registry;

    /** Metrics recorded in {@code registry}. */
    public MicrometerClientMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void direct(String api, int status, long nanos) {
        String outcome = status == 0 ? "error" : (status / 100) + "xx";
        timer(api, "direct", outcome).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void viaGateway(String api, Fallback reason, long nanos) {
        timer(api, "gateway", reason.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void limited(String api, String reason) {
        Counter.builder("turnpike.client.limited").description("Calls refused by the client to keep to the plan")
                .tag("api", api).tag("reason", reason).register(registry).increment();
    }

    private Timer timer(String api, String path, String outcome) {
        return Timer.builder("turnpike.client.calls").description("Calls made through the Turnpike client runtime")
                .tag("api", api).tag("path", path).tag("outcome", outcome).register(registry);
    }
}
