package dev.turnpike.gateway.upstream;

import dev.turnpike.gateway.problem.ProblemType;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * TLS towards the upstream failed: 502 {@code upstream-tls}. Either the handshake with an instance failed (its
 * certificate is not trusted or does not match the expected name, it refused the gateway's client certificate, or it
 * does not speak TLS), so nothing was sent and the call may go on to another instance; or the pool's TLS files could
 * not be loaded on this node, and no instance was tried.
 */
public final class UpstreamTlsException extends UpstreamException {
    private static final long serialVersionUID = 1L;

    private UpstreamTlsException(String detail, String address, Throwable cause) {
        super(ProblemType.UPSTREAM_TLS, detail, -1, address, cause);
    }

    /** The handshake with {@code address} failed with {@code error}, an {@link SSLException} or one caused by one. */
    public static UpstreamTlsException handshake(String poolId, String address, Throwable error) {
        return new UpstreamTlsException("TLS verification of the upstream of pool " + poolId + " failed: "
                + reason(error), address, error);
    }

    /** The pool's TLS settings could not be loaded on this node ({@code problem} says which file and why). */
    public static UpstreamTlsException unusableSettings(String poolId, String problem) {
        return new UpstreamTlsException("The TLS settings of pool " + poolId + " cannot be used on this node: "
                + problem, null, null);
    }

    /** Whether {@code error} or one of its first causes is a TLS failure. */
    public static boolean isTls(Throwable error) {
        Throwable e = error;
        for (int depth = 0; e != null && depth < 5; depth++, e = e.getCause()) {
            if (e instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    /** Whether an instance was tried (a handshake failure) rather than the settings being unusable. */
    public boolean reachedInstance() {
        return address() != null;
    }

    /** What went wrong, without the JDK's wording (which names internal classes). */
    private static String reason(Throwable error) {
        String messages = "";
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof CertPathBuilderException || e instanceof CertPathValidatorException) {
                return "its certificate is not trusted (not issued by the pool's CA, or expired)";
            }
            messages += " " + e.getMessage();
            if (e instanceof CertificateException && (messages.contains("No subject alternative")
                    || messages.contains("No name matching"))) {
                return "its certificate does not match the expected host name";
            }
            if (e.getClass().getSimpleName().equals("NotSslRecordException")) {
                return "the upstream does not speak TLS";
            }
            if (e.getCause() == e) {
                break;
            }
        }
        String lower = messages.toLowerCase(Locale.ROOT);
        if (lower.contains("certificate_required") || lower.contains("bad_certificate")
                || lower.contains("unknown_ca")) {
            return "the upstream refused the gateway's client certificate";
        }
        if (lower.contains("protocol_version") || lower.contains("no appropriate protocol")) {
            return "no common TLS version (the gateway speaks TLS 1.2 and 1.3 only)";
        }
        if (lower.contains("timed out")) {
            return "the handshake timed out";
        }
        return "the handshake failed";
    }
}
