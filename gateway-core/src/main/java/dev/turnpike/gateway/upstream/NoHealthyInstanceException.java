package dev.turnpike.gateway.upstream;

import dev.turnpike.gateway.problem.ProblemType;

/**
 * Nothing to send the request to: every instance of the chosen pool is ejected, or the pool has no free connection
 * and its queue of waiting requests is full. 503 {@code no-healthy-instance}.
 */
public final class NoHealthyInstanceException extends UpstreamException {
    private static final long serialVersionUID = 1L;

    private NoHealthyInstanceException(String detail, String address, Throwable cause) {
        super(ProblemType.NO_HEALTHY_INSTANCE, detail, -1, address, cause);
    }

    /** Every instance of {@code poolId} is out of rotation. */
    public static NoHealthyInstanceException allEjected(String poolId) {
        return new NoHealthyInstanceException("Every instance of upstream pool " + poolId + " is out of rotation",
                null, null);
    }

    /** The connection pool towards {@code address} is full and so is its queue. */
    public static NoHealthyInstanceException noConnection(String poolId, String address, Throwable cause) {
        return new NoHealthyInstanceException("The upstream pool " + poolId + " has no free connection", address,
                cause);
    }
}
