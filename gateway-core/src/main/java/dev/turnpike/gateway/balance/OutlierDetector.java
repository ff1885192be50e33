package dev.turnpike.gateway.balance;

import dev.turnpike.registry.model.OutlierDetection;
import dev.turnpike.registry.model.PoolSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Passive health checking of one pool: turns the outcomes its endpoints record into ejections, by the pool's
 * {@link OutlierDetection} settings.
 *
 * <ul>
 *   <li>{@link CallOutcome#CONNECT_FAILURE} ejects at once; {@link CallOutcome#SERVER_ERROR},
 *       {@link CallOutcome#TIMEOUT} and {@link CallOutcome#RESET} eject after {@code consecutiveFailures} in a row;
 *       {@link CallOutcome#SUCCESS} ends a run of failures; {@link CallOutcome#CANCELLED} changes nothing.</li>
 *   <li>The n-th ejection of a run lasts {@code n x ejectFor}, at most {@code maxEjectFor}; every {@code ejectFor}
 *       after an ejection ended without a new one lowers n by one.</li>
 *   <li>An ejection that would take more than {@code maxEjectedPercent} of the pool's endpoints out at once
 *       (rounded down) is not made, and the endpoint's run of failures starts over.</li>
 * </ul>
 *
 * <p>Thread-safe. Judging an outcome is lock-free; deciding an ejection (the rare path) takes this detector's lock
 * to count the pool's ejected endpoints consistently.
 */
public final class OutlierDetector {
    /** What an endpoint that belongs to no pool uses: the default settings, no share limit (a pool of one). */
    static final OutlierDetector DEFAULT = new OutlierDetector(PoolSettings.DEFAULTS.ejectFor(),
            new OutlierDetection(OutlierDetection.DEFAULTS.consecutiveFailures(),
                    OutlierDetection.DEFAULTS.maxEjectFor(), 100), List.of());

    private final Duration ejectFor;
    private final OutlierDetection settings;
    private final List<Endpoint> endpoints;

    private OutlierDetector(Duration ejectFor, OutlierDetection settings, List<Endpoint> endpoints) {
        this.ejectFor = ejectFor;
        this.settings = settings;
        this.endpoints = List.copyOf(endpoints);
    }

    /**
     * A detector for a pool with these settings over {@code endpoints}; it judges their outcomes once
     * {@link #attach() attached}, which happens when the snapshot holding it goes live.
     *
     * @param ejectFor  the first ejection's length ({@link PoolSettings#ejectFor()})
     * @param settings  the pool's outlier detection
     * @param endpoints all of the pool's endpoints
     */
    public static OutlierDetector of(Duration ejectFor, OutlierDetection settings, List<Endpoint> endpoints) {
        return new OutlierDetector(Objects.requireNonNull(ejectFor, "ejectFor"),
                Objects.requireNonNull(settings, "settings"), endpoints);
    }

    /**
     * A detector made by {@link #of} and attached at once.
     */
    public static OutlierDetector attach(Duration ejectFor, OutlierDetection settings, List<Endpoint> endpoints) {
        OutlierDetector detector = of(ejectFor, settings, endpoints);
        detector.attach();
        return detector;
    }

    /**
     * From now on the {@link Endpoint#record recorded outcomes} of this detector's endpoints are judged by it.
     * Endpoints carried over from an earlier snapshot move to it, keeping their ejections and failure counts;
     * attaching again is harmless.
     */
    public void attach() {
        for (Endpoint e : endpoints) {
            e.attach(this);
        }
    }

    /** Judges one outcome that {@code endpoint} recorded at {@code nowNanos}. */
    void onOutcome(Endpoint endpoint, CallOutcome outcome, long nowNanos) {
        switch (outcome) {
            case SUCCESS -> endpoint.resetFailures();
            case CONNECT_FAILURE -> tryEject(endpoint, nowNanos);
            case SERVER_ERROR, TIMEOUT, RESET -> {
                int threshold = settings.consecutiveFailures();
                if (threshold > 0 && endpoint.failure() >= threshold) {
                    tryEject(endpoint, nowNanos);
                }
            }
            case CANCELLED -> { }
            default -> throw new IllegalArgumentException("outcome: " + outcome);
        }
    }

    private synchronized void tryEject(Endpoint endpoint, long nowNanos) {
        if (endpoint.isEjected(nowNanos)) {
            // A straggler of the run that ejected it.
            endpoint.resetFailures();
            return;
        }
        if (!endpoints.isEmpty() && !roomFor(endpoint, nowNanos)) {
            endpoint.resetFailures();
            return;
        }
        int level = Math.min(level(endpoint, nowNanos) + 1, maxLevel());
        Duration length = ejectFor.multipliedBy(level);
        if (length.compareTo(settings.maxEjectFor()) > 0) {
            length = settings.maxEjectFor();
        }
        endpoint.eject(length, level, nowNanos);
    }

    /** Whether ejecting {@code endpoint} keeps the ejected share within {@code maxEjectedPercent}. */
    private boolean roomFor(Endpoint endpoint, long nowNanos) {
        int ejected = 1;
        for (Endpoint e : endpoints) {
            if (e != endpoint && e.isEjected(nowNanos)) {
                ejected++;
            }
        }
        return ejected * 100L <= (long) endpoints.size() * settings.maxEjectedPercent();
    }

    /** The level from which ejections last {@code maxEjectFor}: higher ones would only slow the way down. */
    private int maxLevel() {
        if (ejectFor.isZero()) {
            return 1;
        }
        long levels = -Math.floorDiv(-settings.maxEjectFor().toNanos(), ejectFor.toNanos());
        return (int) Math.max(1, Math.min(1000, levels));
    }

    /** The endpoint's ejection level now: its last one, lowered by one per {@code ejectFor} since it ended. */
    private int level(Endpoint endpoint, long nowNanos) {
        int last = endpoint.ejectionLevel();
        if (last == 0 || ejectFor.isZero()) {
            return 0;
        }
        long quiet = Math.max(0, nowNanos - endpoint.lastEjectionEnd()) / ejectFor.toNanos();
        return (int) Math.max(0, last - quiet);
    }

    /** The pool's outlier detection settings. */
    public OutlierDetection settings() {
        return settings;
    }
}
