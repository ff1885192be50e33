package dev.turnpike.gateway.upstream;

import dev.turnpike.gateway.problem.ProblemType;

/**
 * The upstream did not answer in time: the API's {@code policies.timeout} (the whole call, every try included) or
 * the pool's {@code responseTimeout} (one try) ran out before the response headers came. The connection of the
 * try in progress is closed, not returned to the pool. 504 {@code upstream-timeout}.
 */
public final class UpstreamTimeoutException extends UpstreamException {
    private static final long serialVersionUID = 1L;

    public UpstreamTimeoutException(String poolId, String address, Throwable cause) {
        super(ProblemType.UPSTREAM_TIMEOUT, "The upstream of pool " + poolId + " did not answer in time", -1,
                address, cause);
    }
}
