package dev.turnpike.gateway.consumers;

import dev.turnpike.registry.store.UsageCount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts calls and errors (responses with a 5xx status) per consumer, API and day in memory, and hands the counts to
 * a sink (the store) every flush interval and once on {@link #close()}. Recording is a map lookup and two
 * {@link LongAdder} increments: no I/O, no lock. A flush that fails keeps its counts for the next one, so nothing
 * is lost while the store is away (memory stays bounded by the consumer x API pairs active in a day).
 *
 * <p>Days are calendar days in the configured zone (the quota zone). Thread-safe.
 */
public final class UsageRecorder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UsageRecorder.class);

    private final Map<Cell, Counters> cells = new ConcurrentHashMap<>();
    private final Clock clock;
    private final ZoneId zone;
    private final Consumer<List<UsageCount>> sink;
    private final ScheduledExecutorService flusher;
    private volatile DayRange today = new DayRange(0, 0, 0);

    private record Cell(String consumer, String api, long epochDay) {
    }

    private record DayRange(long startMillis, long endMillis, long epochDay) {
    }

    private static final class Counters {
        final LongAdder calls = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAccumulator lastSeen = new LongAccumulator(Math::max, Long.MIN_VALUE);
        final LongAdder directCalls = new LongAdder();
        final LongAdder directErrors = new LongAdder();
    }

    /**
     * Starts flushing to {@code sink} every {@code interval} on a thread of its own.
     *
     * @param sink receives non-empty batches; blocking allowed (it runs on the flush thread); an exception keeps
     *             the batch for the next flush
     */
    public UsageRecorder(Clock clock, ZoneId zone, Duration interval, Consumer<List<UsageCount>> sink) {
        this.clock = clock;
        this.zone = zone;
        this.sink = sink;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "turnpike-usage-flush");
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        flusher.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Counts one call of {@code consumer} to {@code api} answered with {@code status} (5xx counts as an error). */
    public void record(String consumer, String api, int status) {
        long now = clock.millis();
        Counters c = cells.computeIfAbsent(new Cell(consumer, api, epochDay(now)), k -> new Counters());
        c.calls.increment();
        if (status >= 500 && status <= 599) {
            c.errors.increment();
        }
        c.lastSeen.accumulate(now);
    }

    /**
     * Adds {@code calls} direct calls (of which {@code errors} failed) that a client of {@code consumer} made to
     * {@code api}'s instances on {@code day} and reported to the lookup API; they count as calls and as direct calls.
     *
     * @throws IllegalArgumentException if {@code calls < 0} or {@code errors} is not {@code 0..calls}
     */
    public void recordDirect(String consumer, String api, LocalDate day, long calls, long errors) {
        if (calls < 0 || errors < 0 || errors > calls) {
            throw new IllegalArgumentException("calls/errors: " + calls + "/" + errors
                    + " (expected: 0 <= errors <= calls)");
        }
        Counters c = cells.computeIfAbsent(new Cell(consumer, api, day.toEpochDay()), k -> new Counters());
        c.calls.add(calls);
        c.errors.add(errors);
        c.directCalls.add(calls);
        c.directErrors.add(errors);
        c.lastSeen.accumulate(clock.millis());
    }

    private long epochDay(long millis) {
        DayRange d = today;
        if (millis >= d.startMillis && millis < d.endMillis) {
            return d.epochDay;
        }
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(millis), zone);
        d = new DayRange(day.atStartOfDay(zone).toInstant().toEpochMilli(),
                day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli(), day.toEpochDay());
        today = d;
        return d.epochDay;
    }

    /** Hands everything counted since the last flush to the sink now, on the calling thread. */
    public void flush() {
        List<UsageCount> batch = new ArrayList<>();
        long currentDay = epochDay(clock.millis());
        for (Map.Entry<Cell, Counters> e : cells.entrySet()) {
            Cell cell = e.getKey();
            Counters c = e.getValue();
            long calls = c.calls.sumThenReset();
            long errors = c.errors.sumThenReset();
            long lastSeen = c.lastSeen.getThenReset();
            long direct = c.directCalls.sumThenReset();
            long directErrors = c.directErrors.sumThenReset();
            if (calls > 0) {
                long allErrors = Math.min(errors, calls);
                long directCalls = Math.min(direct, calls);
                batch.add(new UsageCount(cell.consumer, cell.api, LocalDate.ofEpochDay(cell.epochDay), calls,
                        allErrors, Instant.ofEpochMilli(lastSeen), directCalls,
                        Math.min(directErrors, Math.min(directCalls, allErrors))));
            } else if (cell.epochDay < currentDay) {
                cells.remove(cell, c); // a past day with nothing new: no request can count into it any more
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            sink.accept(batch);
        } catch (RuntimeException e) {
            for (UsageCount u : batch) {
                Counters c = cells.computeIfAbsent(new Cell(u.consumer(), u.api(), u.day().toEpochDay()),
                        k -> new Counters());
                c.calls.add(u.calls());
                c.errors.add(u.errors());
                c.lastSeen.accumulate(u.lastSeen().toEpochMilli());
                c.directCalls.add(u.directCalls());
                c.directErrors.add(u.directErrors());
            }
            throw e;
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("Usage not stored yet, kept for the next flush: {}", e.toString());
        }
    }

    /**
     * Stops the periodic flush (a flush under way finishes: interrupting it inside the JDBC pool would only add a
     * stack trace to a clean shutdown) and flushes once more; counts that cannot be stored then are logged as lost.
     */
    @Override
    public void close() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            flush();
        } catch (RuntimeException e) {
            log.error("Usage counts since the last flush are lost: the store did not take them on shutdown", e);
        }
    }
}
