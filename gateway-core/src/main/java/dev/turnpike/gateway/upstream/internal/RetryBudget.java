package dev.turnpike.gateway.upstream.internal;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How many retries a pool may take: at most {@code ratio} of the calls made to it over a sliding window, plus a small
 * floor so a quiet pool can still retry (as Finagle's {@code RetryBudget}). During a full outage every call fails,
 * and the budget keeps the retries from multiplying the load on the dead pool.
 *
 * <p>The window is {@value #SLOTS} slots of one second; counts older than the window fall out slot by slot.
 * Thread-safe and lock-free; slightly approximate when a slot turns over under contention, which a budget can
 * afford.
 */
public final class RetryBudget {
    static final int SLOTS = 10;
    private static final long SLOT_NANOS = 1_000_000_000L;

    private final double ratio;
    private final int floor;
    // Per slot: [epoch, calls, retries], flattened.
    private final AtomicLongArray slots = new AtomicLongArray(SLOTS * 3);

    /**
     * @param ratio retries allowed per call, {@code 0..1} (0.2: retries are at most 20 % of the calls)
     * @param floor retries always allowed per window, however few the calls
     */
    public RetryBudget(double ratio, int floor) {
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("ratio: " + ratio + " (expected: 0..1)");
        }
        if (floor < 0) {
            throw new IllegalArgumentException("floor: " + floor + " (expected: >= 0)");
        }
        this.ratio = ratio;
        this.floor = floor;
    }

    /** Counts a call (its first try). */
    public void onCall(long nowNanos) {
        slots.incrementAndGet(slot(nowNanos) + 1);
    }

    /** Takes one retry from the budget: {@code true} if the window has room for it (and then counts it). */
    public boolean tryRetry(long nowNanos) {
        long epoch = nowNanos / SLOT_NANOS;
        long calls = 0;
        long retries = 0;
        for (int i = 0; i < SLOTS; i++) {
            long slotEpoch = slots.get(i * 3);
            if (epoch - slotEpoch < SLOTS) {
                calls += slots.get(i * 3 + 1);
                retries += slots.get(i * 3 + 2);
            }
        }
        if (retries + 1 > calls * ratio + floor) {
            return false;
        }
        slots.incrementAndGet(slot(nowNanos) + 2);
        return true;
    }

    /** The index of the current slot's epoch, resetting the slot when it belongs to an older second. */
    private int slot(long nowNanos) {
        long epoch = nowNanos / SLOT_NANOS;
        int i = (int) Math.floorMod(epoch, (long) SLOTS) * 3;
        long seen = slots.get(i);
        if (seen != epoch && slots.compareAndSet(i, seen, epoch)) {
            slots.set(i + 1, 0);
            slots.set(i + 2, 0);
        }
        return i;
    }
}
