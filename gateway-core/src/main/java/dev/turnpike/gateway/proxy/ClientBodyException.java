package dev.turnpike.gateway.proxy;

/**
 * Reading the client's request body failed while it was being forwarded: bad chunked framing (answered 400) or the
 * client went away (nothing left to answer). Distinguishes client-side failures from upstream ones.
 */
public final class ClientBodyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClientBodyException(Throwable cause) {
        super("reading the request body failed: " + cause, cause);
    }
}
