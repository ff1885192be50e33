package dev.turnpike.gateway.balance;

import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Power of two choices by requests in flight: of two endpoints drawn by weight, sends to the one with fewer requests
 * in flight relative to its weight (see {@link PowerOfTwoChoices}).
 *
 * <p>Thread-safe and lock-free.
 */
final class LeastOutstanding extends PowerOfTwoChoices {

    LeastOutstanding(List<Endpoint> endpoints, Supplier<? extends RandomGenerator> random) {
        super(endpoints, random);
    }

    @Override
    boolean prefers(Endpoint a, Endpoint b, long nowNanos) {
        // Compare inFlight/weight without division: a.inFlight * b.weight <= b.inFlight * a.weight.
        return (long) a.inFlight() * b.weight() <= (long) b.inFlight() * a.weight();
    }
}
