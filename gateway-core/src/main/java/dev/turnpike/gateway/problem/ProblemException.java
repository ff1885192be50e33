package dev.turnpike.gateway.problem;

import java.util.Objects;

/**
 * A failure that already knows the problem the client gets for it. Thrown (as a {@code Mono} error) anywhere in the
 * pipeline or the upstream call layer and turned into {@code application/problem+json} once, at the edge of the
 * pipeline, so resilience operators and retries on the way can still see and handle it.
 *
 * <p>Cheap to make: no stack trace (these are expected outcomes such as an open circuit or a shed request), but the
 * cause is kept when there is one.
 */
public class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ProblemType type;
    private final long retryAfterSeconds;
    private final boolean closeConnection;

    /**
     * @param type              the problem the client gets
     * @param detail            the client-facing detail; never internal addresses or secrets
     * @param retryAfterSeconds the {@code Retry-After} to send, or {@code -1} for none
     * @param closeConnection   whether the client connection is closed after the problem (a request body left
     *                          unread, broken framing)
     * @param cause             what went wrong underneath, or {@code null}
     */
    public ProblemException(ProblemType type, String detail, long retryAfterSeconds, boolean closeConnection,
                            Throwable cause) {
        super(Objects.requireNonNull(detail, "detail"), cause, false, false);
        this.type = Objects.requireNonNull(type, "type");
        this.retryAfterSeconds = retryAfterSeconds;
        this.closeConnection = closeConnection;
    }

    /** A problem of {@code type} without {@code Retry-After}, keeping the connection open. */
    public ProblemException(ProblemType type, String detail) {
        this(type, detail, -1, false, null);
    }

    /** The problem the client gets. */
    public ProblemType type() {
        return type;
    }

    /** The client-facing detail. */
    public String detail() {
        return getMessage();
    }

    /** The {@code Retry-After} in seconds, or {@code -1} for none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Whether the client connection is closed after the problem is sent. */
    public boolean closeConnection() {
        return closeConnection;
    }
}
