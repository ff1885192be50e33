package dev.turnpike.client.internal;

import java.io.IOException;

/**
 * Why one direct attempt failed, with whether the request may have reached the instance.
 */
final class AttemptFailure extends IOException {
    private final boolean sent;

    private AttemptFailure(String message, IOException cause, boolean sent) {
        super(message, cause);
        this.sent = sent;
    }

    /** Nothing reached an instance: no connection could be made, its breaker refused, or none was available. */
    static AttemptFailure notSent(String message, IOException cause) {
        return new AttemptFailure(message, cause, false);
    }

    /** The request may have reached the instance before the exchange failed. */
    static AttemptFailure sent(String message, IOException cause) {
        return new AttemptFailure(message, cause, true);
    }

    /** Whether the request may have reached an instance. */
    boolean wasSent() {
        return sent;
    }

    /** The transport's exception, or this failure when there was none. */
    IOException transportError() {
        return getCause() instanceof IOException io ? io : this;
    }
}
