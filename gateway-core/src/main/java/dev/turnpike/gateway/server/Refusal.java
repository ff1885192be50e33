package dev.turnpike.gateway.server;

import dev.turnpike.gateway.problem.ProblemType;
import java.util.Objects;

/**
 * Why the gateway refuses a request at the door, before any routing: a stable, low-cardinality {@code reason} (the
 * tag of {@code turnpike_requests_refused_total} and what {@code docs/security.md} lists), the problem it is answered
 * with, and a detail naming the rule. A refused request is answered in its turn (after the requests before it on the
 * connection) and the connection is closed after the answer.
 *
 * @param reason e.g. {@code host-missing}, {@code encoded-slash}
 * @param type   {@link ProblemType#MALFORMED_REQUEST} (400), {@link ProblemType#URI_TOO_LONG} (414),
 *               {@link ProblemType#HEADERS_TOO_LARGE} (431) or {@link ProblemType#BODY_TOO_LARGE} (413)
 * @param detail what was wrong and what was expected
 */
public record Refusal(String reason, ProblemType type, String detail) {

    public Refusal {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(detail, "detail");
    }

    /** A 400 {@code malformed-request} refusal. */
    static Refusal malformed(String reason, String detail) {
        return new Refusal(reason, ProblemType.MALFORMED_REQUEST, detail);
    }

    /** Thrown by parsers that find a reason to refuse; no stack trace (refusals are cheap). */
    static final class RefusedException extends RuntimeException {
        private final transient Refusal refusal;

        RefusedException(Refusal refusal) {
            super(refusal.detail(), null, false, false);
            this.refusal = refusal;
        }

        Refusal refusal() {
            return refusal;
        }
    }

    /** Throws this refusal as a {@link RefusedException}. */
    static RefusedException refuse(String reason, String detail) {
        return new RefusedException(malformed(reason, detail));
    }

    /** Shows client-sent text in a detail: printable ASCII only, at most 100 characters. */
    static String quote(CharSequence value) {
        StringBuilder b = new StringBuilder(Math.min(value.length(), 100) + 2).append('"');
        for (int i = 0; i < value.length() && i < 100; i++) {
            char c = value.charAt(i);
            b.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '?');
        }
        return b.append(value.length() > 100 ? "...\"" : "\"").toString();
    }
}
