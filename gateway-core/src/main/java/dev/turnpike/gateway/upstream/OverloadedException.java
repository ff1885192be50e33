package dev.turnpike.gateway.upstream;

import dev.turnpike.gateway.problem.ProblemType;

/**
 * Shed at once instead of queued: the gateway's admission limit or the pool's adaptive concurrency limit is
 * reached. 503 {@code overloaded} with {@code Retry-After: 1}.
 */
public final class OverloadedException extends UpstreamException {
    private static final long serialVersionUID = 1L;

    private OverloadedException(String detail) {
        super(ProblemType.OVERLOADED, detail, 1, null, null);
    }

    /** The pool {@code poolId} is at its concurrency limit. */
    public static OverloadedException pool(String poolId) {
        return new OverloadedException("Upstream pool " + poolId + " is at its concurrency limit");
    }

    /** The gateway as a whole is at its admission limit. */
    public static OverloadedException gateway() {
        return new OverloadedException("The gateway is at its admission limit");
    }
}
