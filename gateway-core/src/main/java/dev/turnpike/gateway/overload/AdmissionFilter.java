package dev.turnpike.gateway.overload;

import dev.turnpike.gateway.pipeline.Exchange;
import dev.turnpike.gateway.pipeline.FilterChain;
import dev.turnpike.gateway.pipeline.GatewayFilter;
import dev.turnpike.gateway.upstream.OverloadedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * The node's admission limit: at most {@code maxInFlight} requests are in the pipeline at once (from admission until
 * the response is written, bodies included). The next one is shed at once with 503 {@code overloaded} and
 * {@code Retry-After: 1}, never queued. It counts requests, not how busy the event loop is: when the node's own CPU
 * is the bottleneck and fewer than {@code maxInFlight} requests are open, nothing is shed and the excess waits in
 * the sockets (docs/resilience.md).
 *
 * <p>Meters: {@code turnpike.overload.inflight} (gauge), {@code turnpike.overload.shed} (counter). Thread-safe and
 * allocation-free for admitted requests.
 */
public final class AdmissionFilter implements GatewayFilter {
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter shed;
    private final Consumer<SignalType> release = signal -> inFlight.decrementAndGet();

    /** A limit of {@code maxInFlight} requests at once, exporting its meters to {@code meters}. */
    public AdmissionFilter(int maxInFlight, MeterRegistry meters) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight: " + maxInFlight + " (expected: >= 1)");
        }
        this.maxInFlight = maxInFlight;
        Gauge.builder("turnpike.overload.inflight", inFlight, AtomicInteger::get)
                .description("Requests admitted and not yet answered").register(meters);
        this.shed = Counter.builder("turnpike.overload.shed")
                .description("Requests shed by the node's admission limit").register(meters);
    }

    @Override
    public Mono<Void> filter(Exchange exchange, FilterChain chain) {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            shed.increment();
            return Mono.error(OverloadedException.gateway());
        }
        return chain.next(exchange).doFinally(release);
    }

    /** Requests admitted and not yet answered. */
    public int inFlight() {
        return inFlight.get();
    }
}
