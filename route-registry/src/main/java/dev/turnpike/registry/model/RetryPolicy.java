package dev.turnpike.registry.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * When the gateway tries a request again, on another instance of the pool when it has one, within the pool's retry
 * budget (retries at most 20 % of its calls, plus 10 per 10 s). A try that could not connect is retried for any
 * method; one whose connection broke before any response, or that was answered with a listed status, only for the
 * listed methods; a request whose body was already streamed never (docs/resilience.md).
 *
 * @param attempts         tries in total, the first included (resilience4j's {@code maxAttempts}), 1..10
 * @param onConnectFailure retry when no connection could be made (nothing reached the upstream), and, for
 *                         {@code methods}, when the connection broke before any response
 * @param onStatus         upstream statuses that are retried, each 500..599, no duplicates
 * @param methods          the HTTP methods that may be retried, at least one, no duplicates (default in files:
 *                         {@code GET, HEAD}: retrying a non-idempotent method can do its work twice)
 */
public record RetryPolicy(int attempts, boolean onConnectFailure, List<Integer> onStatus, List<String> methods) {
    /** What {@code on:} accepts besides status codes. */
    public static final String CONNECT_FAILURE = "connect-failure";

    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");

    public RetryPolicy {
        if (attempts < 1 || attempts > 10) {
            throw new IllegalArgumentException("attempts: " + attempts + " (expected: 1..10)");
        }
        onStatus = List.copyOf(onStatus);
        methods = List.copyOf(methods);
        if (!onConnectFailure && onStatus.isEmpty()) {
            throw new IllegalArgumentException("on: [] (expected: connect-failure and/or 5xx status codes)");
        }
        for (int status : onStatus) {
            if (status < 500 || status > 599) {
                throw new IllegalArgumentException("on: " + status + " (expected: connect-failure or 500..599)");
            }
        }
        if (new HashSet<>(onStatus).size() != onStatus.size()) {
            throw new IllegalArgumentException("on: " + onStatus + " (expected: each status once)");
        }
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("methods: [] (expected: at least one HTTP method)");
        }
        for (String m : methods) {
            if (!METHODS.contains(m)) {
                throw new IllegalArgumentException("methods: \"" + m
                        + "\" (expected: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS or TRACE)");
            }
        }
        if (new HashSet<>(methods).size() != methods.size()) {
            throw new IllegalArgumentException("methods: " + methods + " (expected: each method once)");
        }
    }
}
