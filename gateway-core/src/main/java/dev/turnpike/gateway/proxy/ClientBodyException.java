package dev.turnpike.gateway.proxy;

import dev.turnpike.gateway.problem.ProblemException;
import dev.turnpike.gateway.problem.ProblemType;

/**
 * Reading the client's request body failed while it was being forwarded: bad chunked framing (answered 400
 * {@code malformed-request}, closing the connection) or the client went away (nothing left to answer). Tells
 * client-side failures from upstream ones, so they count against no instance.
 */
public final class ClientBodyException extends ProblemException {
    private static final long serialVersionUID = 1L;

    public ClientBodyException(Throwable cause) {
        super(ProblemType.MALFORMED_REQUEST,
                "request body: invalid framing (expected: valid chunked encoding or Content-Length bytes)", -1, true,
                cause);
    }

    /** Whether the client went away, closed or reset mid-upload (then there is nobody to answer). */
    public boolean clientGone() {
        return getCause() instanceof reactor.netty.channel.AbortedException
                || reactor.netty.channel.AbortedException.isConnectionReset(getCause());
    }
}
