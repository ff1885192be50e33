package dev.turnpike.registry.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Active health checking of a pool: every {@code interval} the gateway sends {@code GET path} to each instance. An
 * answer with one of {@code expectedStatuses} within {@code timeout} is a pass, anything else a failure;
 * {@code unhealthyThreshold} failures in a row take the instance out of rotation, {@code healthyThreshold} passes in
 * a row bring it back. Instances start healthy.
 *
 * @param path               the request path (with an optional query), starting with {@code /}
 * @param interval           time between two checks of an instance, default 10 s
 * @param timeout            how long one check may take, default 2 s, at most {@code interval}
 * @param healthyThreshold   passes in a row that bring an instance back, 1..100, default 2
 * @param unhealthyThreshold failures in a row that take it out, 1..100, default 3
 * @param expectedStatuses   the statuses that pass, default {@code [200-299]}
 */
public record HealthCheck(String path, Duration interval, Duration timeout, int healthyThreshold,
                          int unhealthyThreshold, List<StatusRange> expectedStatuses) {

    /** The default {@code interval}. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    /** The default {@code timeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** The default thresholds. */
    public static final int DEFAULT_HEALTHY_THRESHOLD = 2;
    /** The default thresholds. */
    public static final int DEFAULT_UNHEALTHY_THRESHOLD = 3;
    /** The default expected statuses: any 2xx. */
    public static final List<StatusRange> DEFAULT_STATUSES = List.of(new StatusRange(200, 299));

    public HealthCheck {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/") || path.length() > 2048 || path.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
            throw new IllegalArgumentException("path: \"" + path
                    + "\" (expected: a path starting with /, printable ASCII without spaces, at most 2048 characters)");
        }
        Objects.requireNonNull(interval, "interval");
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("interval: " + interval + " (expected: > 0)");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative() || timeout.compareTo(interval) > 0) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0 and <= interval " + interval
                    + ")");
        }
        if (healthyThreshold < 1 || healthyThreshold > 100) {
            throw new IllegalArgumentException("healthyThreshold: " + healthyThreshold + " (expected: 1..100)");
        }
        if (unhealthyThreshold < 1 || unhealthyThreshold > 100) {
            throw new IllegalArgumentException("unhealthyThreshold: " + unhealthyThreshold + " (expected: 1..100)");
        }
        expectedStatuses = List.copyOf(expectedStatuses);
        if (expectedStatuses.isEmpty()) {
            throw new IllegalArgumentException("expectedStatuses: [] (expected: at least one status or range)");
        }
    }

    /** A check of {@code path} with every other field at its default. */
    public static HealthCheck of(String path) {
        return new HealthCheck(path, DEFAULT_INTERVAL, DEFAULT_TIMEOUT, DEFAULT_HEALTHY_THRESHOLD,
                DEFAULT_UNHEALTHY_THRESHOLD, DEFAULT_STATUSES);
    }

    /** Whether {@code status} passes. */
    public boolean expects(int status) {
        for (StatusRange r : expectedStatuses) {
            if (r.contains(status)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An inclusive range of HTTP statuses, such as {@code 200-299}, or one status ({@code from == to}).
     *
     * @param from the lowest status, 100..599
     * @param to   the highest status, from..599
     */
    public record StatusRange(int from, int to) {
        public StatusRange {
            if (from < 100 || from > 599 || to < from || to > 599) {
                throw new IllegalArgumentException("expectedStatuses: " + from + (to == from ? "" : "-" + to)
                        + " (expected: a status 100..599 or a range such as 200-299)");
            }
        }

        /** Reads {@code 200} or {@code 200-299}. */
        public static StatusRange parse(String text) {
            String t = text.trim();
            int dash = t.indexOf('-');
            try {
                return dash < 0 ? new StatusRange(Integer.parseInt(t), Integer.parseInt(t))
                        : new StatusRange(Integer.parseInt(t.substring(0, dash).trim()),
                                Integer.parseInt(t.substring(dash + 1).trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expectedStatuses: \"" + text
                        + "\" (expected: a status 100..599 or a range such as 200-299)", e);
            }
        }

        /** Whether {@code status} is in the range. */
        public boolean contains(int status) {
            return status >= from && status <= to;
        }

        /** {@code 200} or {@code 200-299}, as {@link #parse} reads it. */
        @Override
        public String toString() {
            return from == to ? String.valueOf(from) : from + "-" + to;
        }
    }
}
