package dev.turnpike.throttling.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The calendar day daily quotas count, in one zone. Keeps the current day's bounds so that the hot path does
 * one clock read and two comparisons; recomputes them when the clock leaves the day (midnight, or a clock set
 * back). Thread-safe: the day is an immutable value swapped atomically.
 */
final class QuotaCalendar {

    /** One calendar day: {@code [startMillis, endMillis)} in epoch milliseconds, and a label for Redis keys. */
    public record Day(long epochDay, long startMillis, long endMillis, String label) {

        /** Milliseconds from {@code nowMillis} to the end of this day. */
        public long millisLeft(long nowMillis) {
            return Math.max(0, endMillis - nowMillis);
        }
    }

    private final Clock clock;
    private final ZoneId zone;
    private final AtomicReference<Day> current = new AtomicReference<>();

    QuotaCalendar(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    /** The clock this calendar reads. */
    Clock clock() {
        return clock;
    }

    /** The day {@code nowMillis} falls in. */
    Day dayAt(long nowMillis) {
        Day day = current.get();
        if (day != null && nowMillis >= day.startMillis && nowMillis < day.endMillis) {
            return day;
        }
        Day fresh = compute(nowMillis);
        current.set(fresh);
        return fresh;
    }

    private Day compute(long nowMillis) {
        LocalDate date = Instant.ofEpochMilli(nowMillis).atZone(zone).toLocalDate();
        long start = date.atStartOfDay(zone).toInstant().toEpochMilli();
        long end = date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        return new Day(date.toEpochDay(), start, end, date.toString());
    }
}
