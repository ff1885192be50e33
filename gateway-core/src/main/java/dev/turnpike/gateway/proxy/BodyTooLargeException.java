package dev.turnpike.gateway.proxy;

import dev.turnpike.gateway.problem.ProblemException;
import dev.turnpike.gateway.problem.ProblemType;

/**
 * A streamed request body went over its limit (the API's {@code policies.bodyLimit} or the node's
 * {@code limits.maxBodySize}); answered 413 {@code body-too-large}, closing the connection. No stack trace: it is a
 * rejection.
 */
public final class BodyTooLargeException extends ProblemException {
    private static final long serialVersionUID = 1L;

    public BodyTooLargeException(long limit) {
        super(ProblemType.BODY_TOO_LARGE, "body: more than " + limit + " bytes (expected: at most " + limit + ")",
                -1, true, null);
    }
}
