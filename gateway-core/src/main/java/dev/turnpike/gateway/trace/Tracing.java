package dev.turnpike.gateway.trace;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the gateway's span of each request. Without export ({@link #disabled()}, the default) a span is only a
 * context: a new span id under the caller's trace (or a new trace), nothing recorded. With {@link #otlp} spans are
 * recorded by the OpenTelemetry SDK and sent in batches over OTLP/HTTP (protobuf) to a collector, from the SDK's own
 * thread; the queue is bounded (2048 spans) and drops spans when the collector cannot keep up, never blocking a
 * request.
 *
 * <p>A trace the gateway starts is marked sampled, so the services behind it record it under their usual
 * parent-based sampling; a caller's sampled flag is passed on as it came. Thread-safe.
 */
public final class Tracing implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Tracing.class);
    private static final IdGenerator IDS = IdGenerator.random();

    private final SdkTracerProvider provider;
    private final Tracer tracer;

    private Tracing(SdkTracerProvider provider) {
        this.provider = provider;
        this.tracer = provider == null ? null : provider.get("dev.turnpike.gateway");
    }

    /** Trace context only: nothing is recorded or exported. */
    public static Tracing disabled() {
        return new Tracing(null);
    }

    /**
     * Records spans and exports them to {@code endpoint} (an OTLP/HTTP traces URL such as
     * {@code http://collector:4318/v1/traces}) as {@code serviceName}, keeping the fraction {@code sampleRatio} of
     * the traces the gateway starts (a caller's sampling decision is followed).
     */
    public static Tracing otlp(String endpoint, String serviceName, double sampleRatio) {
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(endpoint)
                .setTimeout(Duration.ofSeconds(10))
                .build();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        io.opentelemetry.api.common.AttributeKey.stringKey("service.name"), serviceName))))
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(sampleRatio)))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                .build();
        log.info("Exporting request spans over OTLP to {} as service {}", endpoint, serviceName);
        return new Tracing(provider);
    }

    /** Whether spans are recorded and exported. */
    public boolean exporting() {
        return provider != null;
    }

    /**
     * Starts the span of a request whose caller's context is {@code parent} (invalid: a new trace), named
     * {@code name}.
     */
    public TraceContext start(SpanContext parent, String name) {
        if (tracer != null) {
            return new TraceContext(tracer.spanBuilder(name)
                    .setParent(Context.root().with(Span.wrap(parent)))
                    .setSpanKind(SpanKind.SERVER)
                    .startSpan());
        }
        if (parent.isValid()) {
            return new TraceContext(Span.wrap(SpanContext.create(parent.getTraceId(), IDS.generateSpanId(),
                    parent.getTraceFlags(), parent.getTraceState())));
        }
        return new TraceContext(Span.wrap(SpanContext.create(IDS.generateTraceId(), IDS.generateSpanId(),
                TraceFlags.getSampled(), TraceState.getDefault())));
    }

    /** Sends what is queued and stops exporting (waits up to 5 s). */
    @Override
    public void close() {
        if (provider != null) {
            provider.shutdown().join(5, TimeUnit.SECONDS);
        }
    }
}
