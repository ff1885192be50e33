package dev.turnpike.client;

import dev.turnpike.client.internal.DirectCaller;
import dev.turnpike.client.internal.DirectRoute;
import dev.turnpike.client.internal.LookupWatch;
import dev.turnpike.client.internal.PlanLimiter;
import dev.turnpike.client.internal.RoutingTable;
import dev.turnpike.client.internal.UsageReporter;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The Turnpike client runtime: calls catalog APIs end-to-end (directly to the provider's instances) when the
 * caller's subscription allows it ({@code direct: true}), and through the gateway otherwise.
 *
 * <p>At {@link Builder#build()} it fetches the caller's routing from the gateway's route lookup API
 * ({@code GET /_turnpike/lookup/v1/apis}, bounded by {@link Builder#lookupTimeout}), then keeps it fresh with a
 * long-poll watch on a daemon thread. {@link #interceptor()} is the OkHttp interceptor that does the calls; generated
 * helper libraries (swagger-codegen {@code okhttp4-gson}) add it to their {@code ApiClient}'s {@code OkHttpClient}
 * and keep the gateway's URL as their base path. Direct calls are counted and reported to
 * {@code POST /_turnpike/lookup/v1/usage} every {@link Builder#usageInterval} and at {@link #close()}.
 *
 * <pre>{@code
 * try (TurnpikeClient turnpike = TurnpikeClient.builder("http://gateway:8080", System.getenv("TURNPIKE_API_KEY"))
 *         .build()) {
 *     OkHttpClient http = turnpike.httpClient();               // or: yourBuilder.addInterceptor(turnpike.interceptor())
 *     Request request = new Request.Builder().url("http://gateway:8080/products/v1/items/7").build();
 *     try (Response response = http.newCall(request).execute()) {
 *         System.out.println(response.body().string());        // answered by a products instance directly
 *     }
 * }
 * }</pre>
 *
 * <p>Thread-safe. Close it when the application stops: it sends the last usage report.
 */
public final class TurnpikeClient implements AutoCloseable {
    private final HttpUrl gateway;
    private final AtomicReference<RoutingTable> routing = new AtomicReference<>(RoutingTable.UNKNOWN);
    private final LookupWatch watch;
    private final UsageReporter usage;
    private final DirectCallInterceptor interceptor;
    private final OkHttpClient httpClient;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TurnpikeClient(Builder b) {
        this.gateway = b.gateway;
        OkHttpClient base = b.httpClient;
        OkHttpClient lookupHttp = base.newBuilder()
                .connectTimeout(b.lookupTimeout)
                .readTimeout(b.watchWait.plus(b.lookupTimeout).plusSeconds(5))
                .callTimeout(Duration.ZERO)
                .build();
        OkHttpClient startHttp = base.newBuilder().connectTimeout(b.lookupTimeout).readTimeout(b.lookupTimeout)
                .callTimeout(b.lookupTimeout.multipliedBy(2)).build();
        this.usage = new UsageReporter(startHttp, gateway, b.apiKey, b.clock, b.usageZone, b.usageInterval);
        this.interceptor = new DirectCallInterceptor(gateway, b.apiKey, routing, new DirectCaller(),
                new PlanLimiter(b.clock, b.usageZone), usage, b.metrics);
        this.httpClient = base.newBuilder().addInterceptor(interceptor).build();
        this.watch = new LookupWatch(startHttp, lookupHttp, gateway, b.apiKey, b.watchWait, routing);
        watch.start();
    }

    /**
     * A builder for a client of the gateway at {@code gatewayUrl} (its public listener, e.g.
     * {@code http://gateway:8080}) with the consumer's API key.
     *
     * @throws IllegalArgumentException if the URL is not an http(s) URL or the key is empty
     */
    public static Builder builder(String gatewayUrl, String apiKey) {
        return new Builder(gatewayUrl, apiKey);
    }

    /** The interceptor to add to an {@code OkHttpClient} (as an application interceptor). */
    public DirectCallInterceptor interceptor() {
        return interceptor;
    }

    /** An {@code OkHttpClient} (sharing the builder's client's pools) with {@link #interceptor()} added. */
    public OkHttpClient httpClient() {
        return httpClient;
    }

    /** The gateway's base URL. */
    public HttpUrl gatewayUrl() {
        return gateway;
    }

    /** The APIs this client currently calls directly, as the lookup described them. */
    public List<ApiRouting> directApis() {
        return routing.get().routes().stream().map(DirectRoute::api).toList();
    }

    /** Whether a route lookup has answered since the client started (else every call goes through the gateway). */
    public boolean hasRouting() {
        return routing.get().known();
    }

    /** Sends the pending usage counts now (blocking); counts that could not be sent stay pending. */
    public void flushUsage() throws IOException {
        usage.flush();
    }

    /** Stops the watch and sends the last usage report. Idempotent. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        watch.close();
        usage.close();
    }

    /**
     * How a {@link TurnpikeClient} is made. Defaults: the lookup waits up to 2 s at start; the watch parks up to
     * 30 s per request; usage is reported every 5 s with days in UTC; no metrics; a new {@code OkHttpClient}.
     */
    public static final class Builder {
        private final HttpUrl gateway;
        private final String apiKey;
        private OkHttpClient httpClient;
        private Duration lookupTimeout = Duration.ofSeconds(2);
        private Duration watchWait = Duration.ofSeconds(30);
        private Duration usageInterval = Duration.ofSeconds(5);
        private ZoneId usageZone = ZoneOffset.UTC;
        private ClientMetrics metrics = ClientMetrics.NONE;
        private Clock clock = Clock.systemUTC();

        private Builder(String gatewayUrl, String apiKey) {
            Objects.requireNonNull(gatewayUrl, "gatewayUrl");
            HttpUrl url = HttpUrl.parse(gatewayUrl);
            if (url == null) {
                throw new IllegalArgumentException("gatewayUrl: \"" + gatewayUrl + "\" (expected: an http or https URL)");
            }
            if (apiKey == null || apiKey.isBlank()) {
                throw new IllegalArgumentException("apiKey: empty (expected: the consumer's API key)");
            }
            this.gateway = url;
            this.apiKey = apiKey;
        }

        /** The client whose connection pool and dispatcher are shared (default: a new {@code OkHttpClient}). */
        public Builder httpClient(OkHttpClient client) {
            this.httpClient = Objects.requireNonNull(client, "client");
            return this;
        }

        /** How long the lookup at start may take before calls go through the gateway (default 2 s). */
        public Builder lookupTimeout(Duration timeout) {
            this.lookupTimeout = positive("lookupTimeout", timeout);
            return this;
        }

        /** How long one watch request parks on the gateway waiting for a change (default 30 s). */
        public Builder watchWait(Duration wait) {
            this.watchWait = positive("watchWait", wait);
            return this;
        }

        /** How often direct calls are reported to the gateway's usage endpoint (default 5 s). */
        public Builder usageInterval(Duration interval) {
            this.usageInterval = positive("usageInterval", interval);
            return this;
        }

        /** The zone usage and quota days are counted in; set it to the gateway's {@code access.quotaZone} (UTC). */
        public Builder usageZone(ZoneId zone) {
            this.usageZone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** Where call metrics go (default: nowhere); see {@link MicrometerClientMetrics}. */
        public Builder metrics(ClientMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /** The clock for usage days and quotas (tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Creates the client: fetches the routing (blocking, at most {@link #lookupTimeout}) and starts the watch. */
        public TurnpikeClient build() {
            if (httpClient == null) {
                httpClient = new OkHttpClient();
            }
            return new TurnpikeClient(this);
        }

        private static Duration positive(String name, Duration d) {
            Objects.requireNonNull(d, name);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
            }
            return d;
        }
    }
}
