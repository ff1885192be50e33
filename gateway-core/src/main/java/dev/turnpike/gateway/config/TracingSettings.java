package dev.turnpike.gateway.config;

import java.net.URI;
import java.util.Objects;

/**
 * Span export. The W3C trace context is passed on for every request whatever these say; they decide only whether
 * the gateway's spans are recorded and sent to a collector.
 *
 * @param otlpEndpoint OTLP/HTTP traces URL ({@code http://collector:4318/v1/traces}); empty = no export (default)
 * @param serviceName  {@code service.name} of the exported spans, not blank
 * @param sampleRatio  fraction of the traces the gateway starts that are exported, {@code 0..1}
 */
public record TracingSettings(String otlpEndpoint, String serviceName, double sampleRatio) {

    public TracingSettings {
        Objects.requireNonNull(otlpEndpoint, "otlpEndpoint");
        if (!otlpEndpoint.isEmpty()) {
            URI uri;
            try {
                uri = URI.create(otlpEndpoint);
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException("tracing.otlp.endpoint: \"" + otlpEndpoint
                        + "\" (expected: empty or an http(s) URL such as http://collector:4318/v1/traces)");
            }
        }
        Objects.requireNonNull(serviceName, "serviceName");
        if (serviceName.isBlank()) {
            throw new IllegalArgumentException("tracing.serviceName: \"\" (expected: a service name)");
        }
        if (!(sampleRatio >= 0 && sampleRatio <= 1)) {
            throw new IllegalArgumentException("tracing.sampleRatio: " + sampleRatio + " (expected: 0..1)");
        }
    }

    /** No export. */
    public static TracingSettings disabled() {
        return new TracingSettings("", "turnpike", 1.0);
    }

    /** Whether spans are exported. */
    public boolean exporting() {
        return !otlpEndpoint.isEmpty();
    }
}
