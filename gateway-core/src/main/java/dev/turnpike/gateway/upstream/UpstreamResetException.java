package dev.turnpike.gateway.upstream;

import dev.turnpike.gateway.problem.ProblemType;

/**
 * The upstream broke the exchange after the connection was made (reset, closed before a complete response, or an
 * invalid response). The request may have reached it. 502 {@code upstream-failed}.
 */
public final class UpstreamResetException extends UpstreamException {
    private static final long serialVersionUID = 1L;

    public UpstreamResetException(String poolId, String address, Throwable cause) {
        super(ProblemType.UPSTREAM_FAILED, "The upstream of pool " + poolId + " failed", -1, address, cause);
    }
}
