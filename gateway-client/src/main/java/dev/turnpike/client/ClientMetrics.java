package dev.turnpike.client;

/**
 * What the client runtime reports about its calls. {@link #NONE} by default; {@link MicrometerClientMetrics} records
 * them in a Micrometer registry (Micrometer is an optional dependency). Implementations must be thread-safe and
 * cheap: they are called on every call.
 */
public interface ClientMetrics {
    /** Records nothing. */
    ClientMetrics NONE = new ClientMetrics() {
    };

    /**
     * A call answered by an upstream instance directly.
     *
     * @param api     the API id
     * @param status  the HTTP status, or 0 when no response came
     * @param nanos   how long the call took, retries included
     */
    default void direct(String api, int status, long nanos) {
    }

    /**
     * A call sent through the gateway's proxy endpoint instead of directly.
     *
     * @param api    the API id, or {@code unknown} when no direct API matched the request
     * @param reason why: {@link Fallback}
     * @param nanos  how long the call took
     */
    default void viaGateway(String api, Fallback reason, long nanos) {
    }

    /**
     * A call the client refused itself because it would exceed the caller's plan.
     *
     * @param api    the API id
     * @param reason {@code rate} or {@code quota}
     */
    default void limited(String api, String reason) {
    }

    /** Why a call went through the gateway. */
    enum Fallback {
        /** No routing known yet: the lookup has not answered since the client started. */
        NO_ROUTING,
        /** The caller may not call this API directly (not subscribed with {@code direct: true}, or no such API). */
        NOT_DIRECT,
        /** Every instance tried failed, or none was available. */
        INSTANCES_FAILED
    }
}
