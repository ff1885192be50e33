package dev.turnpike.gateway.proxy;

/** A streamed request body went over the configured limit; answered with 413. No stack trace: it is a rejection. */
public final class BodyTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BodyTooLargeException(long limit) {
        super("body: more than " + limit + " bytes (expected: at most " + limit + ")", null, false, false);
    }
}
