package dev.turnpike.gateway.balance;

import dev.turnpike.registry.model.PoolSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Passive health checking of one pool: turns the outcomes its endpoints record into ejections.
 *
 * <p>An instance that could not be connected to is ejected for the pool's {@code ejectFor}.
 *
 * <p>Thread-safe: immutable; the endpoints hold their own state.
 */
public final class OutlierDetector {
    /** What an endpoint that belongs to no pool uses: the default settings. */
    static final OutlierDetector DEFAULT = new OutlierDetector(PoolSettings.DEFAULTS);

    private final Duration ejectFor;

    private OutlierDetector(PoolSettings settings) {
        this.ejectFor = settings.ejectFor();
    }

    /**
     * A detector with the pool's {@code settings}, attached to each of {@code endpoints}: from now on their
     * {@link Endpoint#record recorded outcomes} are judged by it. Endpoints carried over from an earlier snapshot
     * move to the new detector.
     */
    public static OutlierDetector attach(PoolSettings settings, List<Endpoint> endpoints) {
        OutlierDetector detector = new OutlierDetector(Objects.requireNonNull(settings, "settings"));
        for (Endpoint e : endpoints) {
            e.attach(detector);
        }
        return detector;
    }

    /** Judges one outcome that {@code endpoint} recorded at {@code nowNanos}. */
    void onOutcome(Endpoint endpoint, CallOutcome outcome, long nowNanos) {
        if (outcome == CallOutcome.CONNECT_FAILURE) {
            endpoint.eject(ejectFor, nowNanos);
        }
    }
}
