package dev.turnpike.gateway.observe;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on logger {@code turnpike.access}: client address, method, path (never the query: it may
 * carry credentials), status, body bytes sent, duration, API, consumer id (never the key; {@code -} when the request
 * named none or was refused before its key was checked), upstream instance, request id and W3C trace id ({@code -}
 * when the request never reached the pipeline). Headers are never
 * logged. Route it with Logback like any logger (the default config sends it through an async appender so the event
 * loop never waits for the disk).
 */
public final class AccessLog {
    private static final Logger log = LoggerFactory.getLogger("turnpike.access");

    private final boolean enabled;

    public AccessLog(boolean enabled) {
        this.enabled = enabled && log.isInfoEnabled();
    }

    /** The client's IP address as logged, or {@code -}. */
    public static String client(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet) {
            return inet.getAddress() == null ? inet.getHostString() : inet.getAddress().getHostAddress();
        }
        return "-";
    }

    /** Logs one finished request; {@code status} below 0 means the client went away first (logged as 499). */
    public void log(String client, String method, String path, int status, long bytes, long nanos, String api,
                    String consumer, String upstream, String requestId, String traceId) {
        if (!enabled) {
            return;
        }
        log.info("{} \"{} {}\" {} {} {}ms api={} consumer={} upstream={} rid={} trace={}", client, method, path,
                status < 0 ? 499 : status, bytes, nanos / 1_000_000, api, consumer, upstream, requestId, traceId);
    }
}
