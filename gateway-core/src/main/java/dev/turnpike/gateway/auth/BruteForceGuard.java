package dev.turnpike.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Counts invalid API keys per client address in fixed windows; once an address has presented
 * {@code maxFailures} invalid keys in its current window, it is refused until the window ends, before any key
 * lookup. Memory is bounded: at most {@code maxClients} addresses are tracked (Caffeine evicts the least
 * valuable), and a window is dropped once it is over.
 *
 * <p>Thread-safe, non-blocking (Caffeine maintenance runs on the calling thread, amortized).
 */
public final class BruteForceGuard {
    private final Cache<InetAddress, Window> windows;
    private final int maxFailures;
    private final long windowNanos;
    private final LongSupplier nanoTime;

    private static final class Window {
        final long startNanos;
        final AtomicInteger failures = new AtomicInteger();

        Window(long startNanos) {
            this.startNanos = startNanos;
        }
    }

    /**
     * @param maxFailures invalid keys allowed per window, {@code >= 1}
     * @param window      length of a window, {@code > 0}
     * @param maxClients  addresses tracked at once, {@code >= 1}
     * @param nanoTime    the clock, {@link System#nanoTime()} outside tests
     */
    public BruteForceGuard(int maxFailures, Duration window, long maxClients, LongSupplier nanoTime) {
        this.maxFailures = maxFailures;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
        this.windows = Caffeine.newBuilder()
                .maximumSize(maxClients)
                .expireAfterWrite(window)
                .ticker(nanoTime::getAsLong)
                .executor(Runnable::run)
                .build();
    }

    /** How long {@code client} must wait before presenting another key; zero when it may present one now. */
    public Duration blockedFor(InetAddress client) {
        Window w = windows.getIfPresent(client);
        if (w == null || w.failures.get() < maxFailures) {
            return Duration.ZERO;
        }
        long left = w.startNanos + windowNanos - nanoTime.getAsLong();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    /** Counts an invalid key presented by {@code client}. */
    public void recordFailure(InetAddress client) {
        long now = nanoTime.getAsLong();
        Window w = windows.asMap().compute(client,
                (address, old) -> old == null || now - old.startNanos >= windowNanos ? new Window(now) : old);
        w.failures.incrementAndGet();
    }

    /** Addresses tracked right now (approximate). */
    public long trackedClients() {
        return windows.estimatedSize();
    }
}
