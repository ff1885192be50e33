package dev.turnpike.client.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.client.ApiRouting;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the client's {@link RoutingTable} fresh from {@code GET /_turnpike/lookup/v1/apis}: one fetch at start, then
 * a long-poll watch ({@code ?wait=} with {@code If-None-Match}) on a daemon thread. When the gateway refuses the key
 * (401, 403) the table becomes empty, so calls go through the gateway, which answers the refusal itself. When the
 * gateway cannot be reached the last table stays (direct calls go on) and the watch retries after the document's
 * {@code max-age}, at least one second, backing off up to a minute.
 */
public final class LookupWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LookupWatch.class);
    private static final Pattern MAX_AGE = Pattern.compile("max-age=(\\d+)");
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    /** The lookup document's shape. */
    record Document(String consumer, List<ApiRouting> apis) {
    }

    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final OkHttpClient startHttp;
    private final OkHttpClient http;
    private final HttpUrl apisUrl;
    private final String apiKey;
    private final Duration wait;
    private final AtomicReference<RoutingTable> table;
    private final Thread thread;
    private volatile Duration maxAge = Duration.ofSeconds(5);
    private volatile boolean closed;
    private volatile Call inFlight;

    /**
     * @param startHttp the HTTP client for the lookup at start, with the short timeouts a start may wait
     * @param http    the HTTP client for the watch; its read timeout must exceed {@code wait}
     * @param gateway the gateway's base URL
     * @param apiKey  the caller's key
     * @param wait    how long one watch request may park on the gateway
     * @param table   where the current table is published
     */
    public LookupWatch(OkHttpClient startHttp, OkHttpClient http, HttpUrl gateway, String apiKey, Duration wait,
                       AtomicReference<RoutingTable> table) {
        this.startHttp = startHttp;
        this.http = http;
        this.apisUrl = gateway.newBuilder().addPathSegments("_turnpike/lookup/v1/apis").build();
        this.apiKey = apiKey;
        this.wait = wait;
        this.table = table;
        this.thread = new Thread(this::watchLoop, "turnpike-lookup-watch");
        thread.setDaemon(true);
    }

    /** Fetches the routing once (blocking, bounded by the HTTP client's timeouts), then starts the watch. */
    public void start() {
        try {
            poll(startHttp, false);
        } catch (IOException e) {
            log.warn("Route lookup at {} failed at start ({}); calls go through the gateway until it answers",
                    apisUrl, e.toString());
        }
        thread.start();
    }

    private void watchLoop() {
        Duration backoff = Duration.ofSeconds(1);
        while (!closed) {
            try {
                Outcome outcome = poll(http, true);
                backoff = Duration.ofSeconds(1);
                if (outcome == Outcome.REFUSED || outcome == Outcome.UNCHANGED_AT_ONCE) {
                    // Refused, or answered at once without a change (no watch slot free): ask again after max-age.
                    sleep(maxAge.isZero() ? Duration.ofSeconds(1) : maxAge);
                }
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                log.debug("Route lookup watch failed ({}); keeping the last routing", e.toString());
                Duration pause = maxAge.compareTo(backoff) > 0 ? maxAge : backoff;
                sleep(pause);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /** How one lookup request ended. */
    private enum Outcome {
        CHANGED, UNCHANGED_AFTER_WAIT, UNCHANGED_AT_ONCE, REFUSED
    }

    /** One lookup request; with {@code watch}, parked until the routing changes or the wait ends. */
    private Outcome poll(OkHttpClient client, boolean watch) throws IOException {
        RoutingTable current = table.get();
        HttpUrl url = watch ? apisUrl.newBuilder().addQueryParameter("wait", wait.toMillis() + "ms").build() : apisUrl;
        Request.Builder request = new Request.Builder().url(url).header("X-Api-Key", apiKey)
                .header("Accept", "application/json");
        if (current.etag() != null) {
            request.header("If-None-Match", current.etag());
        }
        long start = System.nanoTime();
        Call call = client.newCall(request.build());
        inFlight = call;
        if (closed) {
            call.cancel();
        }
        try (Response response = call.execute()) {
            readMaxAge(response.header("Cache-Control"));
            int code = response.code();
            if (code == 304) {
                return watch && System.nanoTime() - start >= wait.toNanos() / 2
                        ? Outcome.UNCHANGED_AFTER_WAIT : Outcome.UNCHANGED_AT_ONCE;
            }
            if (code == 200) {
                ResponseBody body = response.body();
                Document doc = json.readValue(body == null ? new byte[0] : body.bytes(), Document.class);
                RoutingTable next = RoutingTable.of(doc.consumer(), response.header("ETag"),
                        doc.apis() == null ? List.of() : doc.apis());
                table.set(next);
                log.debug("Routing for {} direct API(s) from {}", next.routes().size(), apisUrl);
                return Outcome.CHANGED;
            }
            if (code == 401 || code == 403) {
                if (!current.known() || !current.routes().isEmpty()) {
                    log.warn("The gateway refused the route lookup ({}): calls go through the gateway", code);
                }
                table.set(RoutingTable.none());
                return Outcome.REFUSED;
            }
            throw new IOException("route lookup answered " + code);
        }
    }

    private void readMaxAge(String cacheControl) {
        if (cacheControl != null) {
            Matcher m = MAX_AGE.matcher(cacheControl);
            if (m.find()) {
                maxAge = Duration.ofSeconds(Math.min(Long.parseLong(m.group(1)), 3600));
            }
        }
    }

    private void sleep(Duration d) {
        if (closed) {
            return;
        }
        try {
            Thread.sleep(Math.max(1, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** Stops the watch (an outstanding long poll is abandoned; the thread is a daemon). */
    @Override
    public void close() {
        closed = true;
        Call call = inFlight;
        if (call != null) {
            call.cancel();
        }
        thread.interrupt();
    }
}
