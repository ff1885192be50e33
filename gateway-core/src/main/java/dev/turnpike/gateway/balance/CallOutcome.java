package dev.turnpike.gateway.balance;

/**
 * How one attempt of an upstream call ended, as far as the instance's health is concerned. The call layer reports
 * exactly one outcome per attempt with {@link Endpoint#record(CallOutcome, long, long)}; it feeds the endpoint's
 * latency average and passive outlier ejection.
 */
public enum CallOutcome {
    /**
     * The instance answered with response headers of a status below 500 (a 4xx is the caller's problem, not the
     * instance's). Resets the endpoint's run of consecutive failures.
     */
    SUCCESS,
    /** The instance answered with a 5xx status. Counts as a failure. */
    SERVER_ERROR,
    /**
     * The request was sent but the response headers did not arrive within the pool's {@code responseTimeout} or the
     * caller's deadline. Counts as a failure.
     */
    TIMEOUT,
    /**
     * No connection could be made (refused, connect timeout, no route, unknown host): nothing reached the instance.
     * Ejects the instance at once.
     */
    CONNECT_FAILURE,
    /**
     * The connection was closed or reset after the request was (partly) sent and before the response headers
     * arrived, or the exchange broke otherwise (a malformed response). Counts as a failure.
     */
    RESET,
    /**
     * The attempt ended without a verdict on the instance: the caller cancelled it, the client's own request body
     * failed, or the gateway's local limits refused it before sending. Changes nothing.
     */
    CANCELLED;

    /** {@link #SERVER_ERROR} for a 5xx status, else {@link #SUCCESS}. */
    public static CallOutcome ofStatus(int status) {
        return status >= 500 ? SERVER_ERROR : SUCCESS;
    }
}
