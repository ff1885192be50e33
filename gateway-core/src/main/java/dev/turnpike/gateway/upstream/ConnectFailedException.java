package dev.turnpike.gateway.upstream;

import dev.turnpike.gateway.problem.ProblemType;

/**
 * No connection could be made to the instance (refused, unreachable, or the connect timed out): nothing reached
 * the upstream, so any method may be tried again on another instance. 502 {@code upstream-failed}, or 504
 * {@code upstream-timeout} when the connect timed out.
 */
public final class ConnectFailedException extends UpstreamException {
    private static final long serialVersionUID = 1L;

    public ConnectFailedException(String poolId, String address, boolean timedOut, Throwable cause) {
        super(timedOut ? ProblemType.UPSTREAM_TIMEOUT : ProblemType.UPSTREAM_FAILED,
                timedOut ? "The upstream of pool " + poolId + " did not accept a connection in time"
                        : "The upstream of pool " + poolId + " could not be reached", -1, address, cause);
    }
}
