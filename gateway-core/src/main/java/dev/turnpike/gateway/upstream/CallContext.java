package dev.turnpike.gateway.upstream;

import java.util.Objects;

/**
 * Who makes an upstream call, for the upstream and the logs: the request id of the client request it serves (sent
 * as {@code X-Request-Id}, so one client request can be followed through every upstream call it caused).
 *
 * @param requestId the request id of the client request
 */
public record CallContext(String requestId) {
    public CallContext {
        Objects.requireNonNull(requestId, "requestId");
    }
}
