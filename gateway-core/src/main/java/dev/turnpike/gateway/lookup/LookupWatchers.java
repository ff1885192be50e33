package dev.turnpike.gateway.lookup;

import dev.turnpike.gateway.routing.RoutingSnapshot;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The lookup watches parked on this node ({@code ?wait=} with a matching {@code If-None-Match}), at most a
 * configured number at once. Right after a new snapshot went live, {@link #onSnapshot} recomputes each watch's
 * ETag against it (hashes only, no bodies) and wakes the watches whose answer changed, handing them that snapshot.
 * A watch parked while that happens is checked against the live snapshot once more by its caller
 * ({@link #wakeIfChanged}), so no change is missed. Thread-safe.
 */
final class LookupWatchers {
    private static final Logger log = LoggerFactory.getLogger(LookupWatchers.class);

    private final Set<Watch> parked = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();
    private final int max;

    /**
     * One parked watch.
     *
     * @param etag   the ETag the caller has
     * @param answer what the caller would be answered with a given snapshot: its ETag, or {@code null} when the
     *               answer would be a problem (which is a change)
     */
    record Watch(String etag, Function<RoutingSnapshot, String> answer, Sinks.One<RoutingSnapshot> wake) {
    }

    /** @param max watches parked at once; 0 parks none */
    LookupWatchers(int max) {
        this.max = max;
    }

    /**
     * Parks a watch, or returns {@code null} when {@link #max} are parked already. The caller must
     * {@link #remove} it when it ends, whichever way.
     */
    Watch park(String etag, Function<RoutingSnapshot, String> answer) {
        if (count.incrementAndGet() > max) {
            count.decrementAndGet();
            return null;
        }
        Watch w = new Watch(etag, answer, Sinks.one());
        parked.add(w);
        return w;
    }

    /** Ends a watch (woken, timed out or cancelled). Idempotent. */
    void remove(Watch w) {
        if (parked.remove(w)) {
            count.decrementAndGet();
        }
    }

    /** The snapshot that woke {@code w}, or nothing while it is unchanged. */
    Mono<RoutingSnapshot> changed(Watch w) {
        return w.wake().asMono();
    }

    /** Watches parked now. */
    int size() {
        return count.get();
    }

    /** Wakes every watch with {@code current}, so each answers now (the node is stopping). */
    void wakeAll(RoutingSnapshot current) {
        for (Watch w : parked) {
            w.wake().tryEmitValue(current);
        }
    }

    /** Wakes every watch whose answer differs with {@code next}, now live; runs on the publishing thread. */
    void onSnapshot(RoutingSnapshot next) {
        for (Watch w : parked) {
            wakeIfChanged(w, next);
        }
    }

    /**
     * Wakes {@code w} if its answer differs with {@code current}. For a watch just parked: a snapshot published
     * between the answer its caller was checked against and {@link #park} did not see it.
     */
    void wakeIfChanged(Watch w, RoutingSnapshot current) {
        String etag;
        try {
            etag = w.answer().apply(current);
        } catch (RuntimeException e) {
            log.error("A lookup watch failed to evaluate catalog version {}; waking it", current.version(), e);
            etag = null;
        }
        if (!Objects.equals(etag, w.etag())) {
            w.wake().tryEmitValue(current);
        }
    }
}
