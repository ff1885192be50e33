package dev.turnpike.client.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Today's date in a zone, as a clock says, without working it out on every call: the current day's bounds are kept
 * and the date is computed again only when the clock is outside them (a new day, or a clock set back). Called on
 * every direct call. Thread-safe.
 */
final class Today {
    private record Day(LocalDate date, long startMillis, long endMillis) {
    }

    private final Clock clock;
    private final ZoneId zone;
    private volatile Day day;

    Today(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
        this.day = dayOf(clock.millis());
    }

    /** The date now. */
    LocalDate get() {
        long now = clock.millis();
        Day d = day;
        if (now < d.startMillis() || now >= d.endMillis()) {
            d = dayOf(now);
            day = d;
        }
        return d.date();
    }

    private Day dayOf(long millis) {
        LocalDate date = Instant.ofEpochMilli(millis).atZone(zone).toLocalDate();
        return new Day(date, date.atStartOfDay(zone).toInstant().toEpochMilli(),
                date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli());
    }
}
