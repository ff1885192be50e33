package dev.turnpike.client.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts direct calls per API and day and reports them in batches to {@code POST /_turnpike/lookup/v1/usage}, every
 * interval on its own daemon thread and once more at {@link #close()}. A report that fails is kept and sent with the
 * next one. At most {@value #MAX_ENTRIES} API x day entries are sent per report (the gateway's bound); the rest wait
 * for the next.
 */
public final class UsageReporter implements AutoCloseable {
    /** Entries per report, as the gateway accepts. */
    public static final int MAX_ENTRIES = 100;

    private static final Logger log = LoggerFactory.getLogger(UsageReporter.class);
    private static final MediaType JSON = MediaType.get("application/json");

    private record Key(String api, LocalDate day) {
    }

    private static final class Counts {
        final LongAdder calls = new LongAdder();
        final LongAdder errors = new LongAdder();
    }

    /** One entry of a report, as the gateway reads it. */
    record Entry(String api, String day, long calls, long errors) {
    }

    /** A report's body. */
    record Report(List<Entry> usage) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Map<Key, Counts> pending = new ConcurrentHashMap<>();
    private final OkHttpClient http;
    private final HttpUrl url;
    private final String apiKey;
    private final Today today;
    private final ScheduledExecutorService timer;

    /**
     * @param http     the HTTP client for reports
     * @param gateway  the gateway's base URL
     * @param apiKey   the caller's key: a client reports for its own consumer only
     * @param clock    what "today" is
     * @param zone     the zone usage days are counted in (the gateway's {@code access.quotaZone})
     * @param interval how often pending counts are sent
     */
    public UsageReporter(OkHttpClient http, HttpUrl gateway, String apiKey, Clock clock, ZoneId zone,
                         java.time.Duration interval) {
        this.http = http;
        this.url = gateway.newBuilder().addPathSegments("_turnpike/lookup/v1/usage").build();
        this.apiKey = apiKey;
        this.today = new Today(clock, zone);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "turnpike-usage-report");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(1, interval.toMillis());
        timer.scheduleWithFixedDelay(this::flushQuietly, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Counts one direct call to {@code api}; {@code error} for a 5xx answer or no answer. Lock-free. */
    public void record(String api, boolean error) {
        Counts c = pending.computeIfAbsent(new Key(api, today.get()), k -> new Counts());
        c.calls.increment();
        if (error) {
            c.errors.increment();
        }
    }

    /** Sends what is pending now (blocking). Counts that could not be sent stay pending. */
    public synchronized void flush() throws IOException {
        List<Entry> batch = new ArrayList<>();
        List<Key> keys = new ArrayList<>();
        for (Map.Entry<Key, Counts> e : pending.entrySet()) {
            if (batch.size() == MAX_ENTRIES) {
                break;
            }
            long calls = e.getValue().calls.sumThenReset();
            long errors = e.getValue().errors.sumThenReset();
            if (calls > 0) {
                batch.add(new Entry(e.getKey().api(), e.getKey().day().toString(), calls, Math.min(errors, calls)));
                keys.add(e.getKey());
            } else {
                pending.remove(e.getKey(), e.getValue());
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        Request request = new Request.Builder().url(url).header("X-Api-Key", apiKey)
                .post(RequestBody.create(json.writeValueAsBytes(new Report(batch)), JSON)).build();
        boolean sent = false;
        try (Response response = http.newCall(request).execute()) {
            sent = response.isSuccessful();
            if (!sent) {
                String detail = response.body() == null ? "" : response.body().string();
                log.warn("The gateway refused a usage report ({}): {}", response.code(), detail);
                if (response.code() >= 400 && response.code() < 500 && response.code() != 429) {
                    sent = true; // would be refused again: drop it rather than resend it forever
                }
            }
        } finally {
            if (!sent) {
                for (int i = 0; i < batch.size(); i++) {
                    Entry e = batch.get(i);
                    Counts c = pending.computeIfAbsent(keys.get(i), k -> new Counts());
                    c.calls.add(e.calls());
                    c.errors.add(e.errors());
                }
            }
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (IOException | RuntimeException e) {
            log.debug("Usage report failed ({}); kept for the next one", e.toString());
        }
    }

    /** Stops the timer and sends what is pending (one attempt). */
    @Override
    public void close() {
        timer.shutdownNow();
        flushQuietly();
    }
}
