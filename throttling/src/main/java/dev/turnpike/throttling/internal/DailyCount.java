package dev.turnpike.throttling.internal;

/**
 * Permits taken on one calendar day by one key. A new day starts from zero. Thread-safe: short critical
 * sections on this object's monitor, no I/O inside.
 */
final class DailyCount {

    private long epochDay = Long.MIN_VALUE;
    private long used;

    /** Takes {@code permits} if {@code quota} allows; returns the count after taking, or -1 when denied. */
    synchronized long tryTake(long day, long permits, long quota) {
        roll(day);
        if (used + permits > quota) {
            return -1;
        }
        used += permits;
        return used;
    }

    /** Gives back permits taken today, when a later check denied the request. */
    synchronized void giveBack(long day, long permits) {
        if (day == epochDay) {
            used = Math.max(0, used - permits);
        }
    }

    /** Permits taken on {@code day}. */
    synchronized long used(long day) {
        roll(day);
        return used;
    }

    private void roll(long day) {
        if (day != epochDay) {
            epochDay = day;
            used = 0;
        }
    }
}
