package dev.turnpike.gateway.health;

import dev.turnpike.gateway.balance.Endpoint;
import dev.turnpike.gateway.routing.PoolRuntime;
import dev.turnpike.registry.model.HealthCheck;
import dev.turnpike.registry.model.PoolTls;
import io.micrometer.core.instrument.Counter;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.client.HttpClient;

/**
 * The active health check of one pool: every {@code interval} (the first after a random part of it, so pools and
 * nodes do not probe in step) sends {@code GET path} to each endpoint of the pool's current runtime and sets the
 * endpoint's {@link Endpoint#healthy(boolean) health} after the configured number of passes or failures in a row.
 * A probe still running when the next is due is not doubled.
 *
 * <p>Thread-safe: the runtime can be swapped ({@link #retarget}) while probes run; per-endpoint state lives in a
 * concurrent map keyed by endpoint, so endpoints carried over to a new runtime keep their counts.
 */
final class PoolProber implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PoolProber.class);

    /** Passes and failures in a row, and whether a probe is running. */
    private static final class ProbeState {
        final AtomicInteger passes = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        final AtomicBoolean running = new AtomicBoolean();
    }

    private final HealthCheck check;
    private final Optional<PoolTls> tls;
    private final HttpClient client;
    private final Counter passed;
    private final Counter failed;
    private final Map<Endpoint, ProbeState> states = new ConcurrentHashMap<>();
    private final Disposable ticks;
    private volatile PoolRuntime runtime;

    /**
     * Starts probing {@code runtime}'s endpoints.
     *
     * @param client the health checks' own HTTP client (the pool's TLS settings already applied if it uses TLS)
     * @param timer  where the ticks run (never an event loop of the request path)
     */
    PoolProber(PoolRuntime runtime, HealthCheck check, HttpClient client, Scheduler timer, Counter passed,
               Counter failed) {
        this.runtime = runtime;
        this.check = check;
        this.tls = runtime.pool().tls();
        this.client = client.responseTimeout(check.timeout());
        this.passed = passed;
        this.failed = failed;
        long firstNanos = ThreadLocalRandom.current().nextLong(check.interval().toNanos());
        this.ticks = Flux.interval(Duration.ofNanos(firstNanos), check.interval(), timer)
                .subscribe(tick -> probeAll());
    }

    /** The configuration this prober runs. */
    HealthCheck check() {
        return check;
    }

    /** The TLS settings {@code client} was built with. */
    Optional<PoolTls> tls() {
        return tls;
    }

    /** Probes {@code next}'s endpoints from the next tick on; endpoints that left lose their state. */
    void retarget(PoolRuntime next) {
        runtime = next;
        states.keySet().retainAll(java.util.Set.copyOf(next.endpoints()));
    }

    private void probeAll() {
        PoolRuntime current = runtime;
        String scheme = tls.isPresent() ? "https://" : "http://";
        for (Endpoint e : current.endpoints()) {
            ProbeState state = states.computeIfAbsent(e, k -> new ProbeState());
            if (state.running.compareAndSet(false, true)) {
                probe(scheme, e).subscribe(ok -> judge(e, state, ok), error -> {
                    log.error("Health check of {} in pool {} failed unexpectedly", e, current.id(), error);
                    state.running.set(false);
                });
            }
        }
    }

    /** {@code true} when the endpoint answered with an expected status within the timeout. */
    private Mono<Boolean> probe(String scheme, Endpoint e) {
        return client.headers(h -> h.set(HttpHeaderNames.USER_AGENT, "turnpike-health-check"))
                .get()
                .uri(scheme + e.address() + check.path())
                .responseSingle((response, body) -> body.then(Mono.just(check.expects(response.status().code()))))
                .timeout(check.timeout())
                .onErrorReturn(false);
    }

    private void judge(Endpoint e, ProbeState state, boolean ok) {
        state.running.set(false);
        if (ok) {
            passed.increment();
            state.failures.set(0);
            if (state.passes.incrementAndGet() >= check.healthyThreshold() && !e.isHealthy()) {
                log.info("Health check: {} in pool {} is healthy again", e, runtime.id());
                e.healthy(true);
            }
        } else {
            failed.increment();
            state.passes.set(0);
            if (state.failures.incrementAndGet() >= check.unhealthyThreshold() && e.isHealthy()) {
                log.warn("Health check: {} in pool {} is unhealthy after {} failed checks", e, runtime.id(),
                        state.failures.get());
                e.healthy(false);
            }
        }
    }

    /** Stops probing; endpoints keep the health last set (the caller resets them if the check is gone). */
    @Override
    public void close() {
        ticks.dispose();
    }
}
