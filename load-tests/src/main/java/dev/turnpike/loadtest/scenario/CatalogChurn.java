package dev.turnpike.loadtest.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Catalog changes through the admin REST API at a fixed rate, each one timed until the gateway serves it: every
 * write creates a new API {@code reload-{k}} under {@code /reload-{k}} ({@code PUT /admin/v1/apis/reload-{k}}), and
 * a probe then calls {@code GET /reload-{k}/items/1} through the gateway until it answers 200 instead of 404.
 * Writes are started on a schedule and run on their own threads, so one slow write does not lower the rate.
 *
 * <p>Thread-safe; one instance per churn run.
 */
final class CatalogChurn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SERVED_WITHIN = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String adminBase;
    private final String gatewayBase;
    private final String token;
    private final String pool;
    private final AtomicInteger next;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService writers = Executors.newFixedThreadPool(8);
    private final List<Long> servedMicros = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> ackMicros = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong failed = new AtomicLong();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private volatile long recordFrom;

    /**
     * @param adminBase   {@code http://127.0.0.1:<admin port>/admin/v1}
     * @param gatewayBase {@code http://127.0.0.1:<public port>}
     * @param firstId     number of the first API to create (unique over the whole scenario)
     */
    CatalogChurn(String adminBase, String gatewayBase, String token, String pool, int firstId) {
        this.adminBase = adminBase;
        this.gatewayBase = gatewayBase;
        this.token = token;
        this.pool = pool;
        this.next = new AtomicInteger(firstId);
    }

    /**
     * Starts writing at {@code perSecond} changes per second until {@link #close()}; writes started within
     * {@code warmup} are made but not counted (the gateway's write path is still being compiled then).
     */
    void start(int perSecond, Duration warmup) {
        recordFrom = System.nanoTime() + warmup.toNanos();
        long period = 1_000_000 / perSecond;
        timer.scheduleAtFixedRate(() -> writers.execute(this::writeOne), 0, period, TimeUnit.MICROSECONDS);
    }

    private void writeOne() {
        int k = next.getAndIncrement();
        String id = "reload-" + k;
        try {
            String body = JSON.writeValueAsString(Map.of(
                    "id", id, "owner", "bench-team", "basePath", "/" + id, "upstreamBasePath", "/",
                    "policies", Map.of("publicAccess", true),
                    "targets", List.of(Map.of("pool", pool, "weight", 1)),
                    "routes", List.of(Map.of("method", "GET", "path", "/items/{id}"))));
            HttpRequest put = HttpRequest.newBuilder(URI.create(adminBase + "/apis/" + id))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpRequest probe = HttpRequest.newBuilder(URI.create(gatewayBase + "/" + id + "/items/1"))
                    .timeout(Duration.ofSeconds(5)).build();
            long start = System.nanoTime();
            HttpResponse<String> written = http.send(put, HttpResponse.BodyHandlers.ofString());
            long acked = System.nanoTime();
            if (written.statusCode() != 200 && written.statusCode() != 201) {
                fail("PUT " + id + " answered " + written.statusCode() + ": " + written.body());
                return;
            }
            long deadline = start + SERVED_WITHIN.toNanos();
            while (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                if (System.nanoTime() > deadline) {
                    fail(id + " not served within " + SERVED_WITHIN);
                    return;
                }
                LockSupport.parkNanos(200_000);
            }
            long served = System.nanoTime();
            if (start >= recordFrom) {
                ackMicros.add((acked - start) / 1000);
                servedMicros.add((served - start) / 1000);
            }
        } catch (IOException e) {
            fail(id + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fail(String why) {
        failed.incrementAndGet();
        if (errors.size() < 5) {
            errors.add(why);
        }
    }

    /** The number of the next API this churn would have created. */
    int nextId() {
        return next.get();
    }

    /** Microseconds from each successful write's start until the gateway served the new API. */
    List<Long> servedMicros() {
        return List.copyOf(servedMicros);
    }

    /** Microseconds from each successful write's start until the admin API acknowledged it. */
    List<Long> ackMicros() {
        return List.copyOf(ackMicros);
    }

    long failed() {
        return failed.get();
    }

    /** Up to five failure descriptions. */
    List<String> errors() {
        return List.copyOf(errors);
    }

    /** Stops starting writes and waits for those under way. */
    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        writers.shutdown();
        if (!writers.awaitTermination(30, TimeUnit.SECONDS)) {
            writers.shutdownNow();
        }
    }
}
