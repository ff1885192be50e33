package dev.turnpike.gateway.upstream;

import dev.turnpike.gateway.problem.ProblemException;
import dev.turnpike.gateway.problem.ProblemType;

/**
 * An upstream call failed; the subclass says how. Each knows the problem the client gets (rendered once, at the
 * edge of the pipeline) and, when an instance was involved, its address for the access log.
 */
public abstract class UpstreamException extends ProblemException {
    private static final long serialVersionUID = 1L;

    private final String address;

    UpstreamException(ProblemType type, String detail, long retryAfterSeconds, String address, Throwable cause) {
        super(type, detail, retryAfterSeconds, false, cause);
        this.address = address;
    }

    /** The instance ({@code host:port}) the failed try went to, or {@code null} when none was picked. */
    public String address() {
        return address;
    }
}
