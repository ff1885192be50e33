package dev.turnpike.gateway.upstream.internal;

/**
 * Signals to the retry operator that a try failed in a way this call may try again (the decision, budget included,
 * was made when the try failed). Carries the failure the client gets if no further try happens. No stack trace.
 */
final class RetryAttempt extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Throwable failure;
    private final boolean immediate;

    /**
     * @param failure   what the client gets if this was the last try
     * @param immediate whether the next try may go at once (nothing reached the upstream, another instance is
     *                  tried), else after a backoff
     */
    RetryAttempt(Throwable failure, boolean immediate) {
        super(failure.getMessage(), failure, false, false);
        this.failure = failure;
        this.immediate = immediate;
    }

    Throwable failure() {
        return failure;
    }

    boolean immediate() {
        return immediate;
    }
}
