package dev.turnpike.gateway.upstream;

import dev.turnpike.gateway.problem.ProblemType;

/**
 * The API's circuit breaker towards the chosen pool is open (or half-open with every trial call taken): the call
 * was not sent. 503 {@code circuit-open} with {@code Retry-After} (the breaker's {@code openFor}, whole seconds
 * rounded up).
 */
public final class CircuitOpenException extends UpstreamException {
    private static final long serialVersionUID = 1L;

    public CircuitOpenException(String apiId, String poolId, long retryAfterSeconds, Throwable cause) {
        super(ProblemType.CIRCUIT_OPEN, "API " + apiId + " is not calling upstream pool " + poolId
                + " for now: it failed too often", retryAfterSeconds, null, cause);
    }
}
