package dev.turnpike.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TodayTest {
    /** A clock the test moves. */
    private static Clock movable(AtomicReference<Instant> now) {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneId.of("UTC");
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
    }

    @Test
    void followsTheClockAcrossMidnightInItsZoneAndBack() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T22:59:59Z"));
        Today today = new Today(movable(now), berlin);
        assertThat(today.get()).isEqualTo(LocalDate.of(2026, 12, 7));

        now.set(Instant.parse("2026-12-07T23:00:00Z")); // midnight in Berlin
        assertThat(today.get()).isEqualTo(LocalDate.of(2026, 12, 8));
        now.set(now.get().plus(Duration.ofHours(23)).plusSeconds(3599));
        assertThat(today.get()).isEqualTo(LocalDate.of(2026, 12, 8));

        now.set(Instant.parse("2026-12-01T12:00:00Z")); // a clock set back
        assertThat(today.get()).isEqualTo(LocalDate.of(2026, 12, 1));
    }

    @Test
    void knowsADayOfTwentyFiveHours() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-10-24T22:30:00Z"));
        Today today = new Today(movable(now), berlin);
        assertThat(today.get()).isEqualTo(LocalDate.of(2026, 10, 25));
        now.set(Instant.parse("2026-10-25T22:59:59Z")); // 23:59:59 CET, 25 h after the day began
        assertThat(today.get()).isEqualTo(LocalDate.of(2026, 10, 25));
        now.set(Instant.parse("2026-10-25T23:00:00Z"));
        assertThat(today.get()).isEqualTo(LocalDate.of(2026, 10, 26));
    }
}
