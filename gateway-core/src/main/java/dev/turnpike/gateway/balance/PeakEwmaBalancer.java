package dev.turnpike.gateway.balance;

import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Power of two choices by peak-EWMA cost, the balancer of Finagle and Linkerd: of two endpoints drawn by weight,
 * sends to the one with the lower {@code latency EWMA x (in-flight + 1)} relative to its weight (see
 * {@link Endpoint#cost(long)} and {@link PeakEwma}). Unlike counting requests in flight alone, it steers away from
 * an instance that answers slowly even at low concurrency, and back to it once it is fast again.
 *
 * <p>Thread-safe and lock-free.
 */
final class PeakEwmaBalancer extends PowerOfTwoChoices {

    PeakEwmaBalancer(List<Endpoint> endpoints, Supplier<? extends RandomGenerator> random) {
        super(endpoints, random);
    }

    @Override
    boolean prefers(Endpoint a, Endpoint b, long nowNanos) {
        return a.cost(nowNanos) * b.weight() <= b.cost(nowNanos) * a.weight();
    }
}
