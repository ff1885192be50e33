package dev.turnpike.gateway.proxy;

import dev.turnpike.gateway.pipeline.ClientAddress;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;

/**
 * Sets {@code X-Forwarded-For}, {@code X-Forwarded-Proto}, {@code X-Forwarded-Host}, {@code X-Forwarded-Port} and
 * {@code Forwarded} (RFC 7239) from what the gateway itself saw: the TCP peer, the listener's scheme and the Host
 * header. Values a client sent are replaced, never appended to, so an upstream cannot be fooled by a spoofed chain,
 * unless the client is a trusted proxy ({@code trustedProxies}): then its chains are appended to.
 */
public final class ForwardedHeaders {
    /** {@code X-Forwarded-For}. */
    public static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    /** {@code X-Forwarded-Proto}. */
    public static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    /** {@code X-Forwarded-Host}. */
    public static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");
    /** {@code X-Forwarded-Port}. */
    public static final AsciiString X_FORWARDED_PORT = AsciiString.cached("x-forwarded-port");
    /** {@code Forwarded}. */
    public static final AsciiString FORWARDED = AsciiString.cached("forwarded");

    private ForwardedHeaders() {
    }

    /**
     * Sets the forwarding headers in {@code headers} for a request from {@code client}. When its TCP peer is not a
     * trusted proxy, they are replaced: {@code X-Forwarded-For} and {@code Forwarded} name the peer
     * ({@code unknown} when it has no IP address), {@code X-Forwarded-Proto}, {@code -Host} and {@code -Port} say what
     * the gateway saw. When it is, the peer is appended to the {@code X-Forwarded-For} and {@code Forwarded} chains
     * it sent, and the {@code X-Forwarded-Proto}, {@code -Host} and {@code -Port} it sent are kept (set from what the
     * gateway saw when absent).
     *
     * @param incoming the request's headers as received
     */
    public static void set(HttpHeaders headers, ClientAddress client, HttpHeaders incoming, String scheme, String host,
                           int port) {
        if (!client.peerTrusted()) {
            replace(headers, client.address() == null ? "unknown" : client.peer(), scheme, host, port);
            return;
        }
        String peer = client.peer();
        String chain = String.join(", ", incoming.getAll(X_FORWARDED_FOR));
        headers.set(X_FORWARDED_FOR, chain.isEmpty() ? peer : chain + ", " + peer);
        keepOrSet(headers, incoming, X_FORWARDED_PROTO, scheme);
        keepOrSet(headers, incoming, X_FORWARDED_PORT, Integer.toString(port));
        keepOrSet(headers, incoming, X_FORWARDED_HOST, host);
        String forwarded = String.join(", ", incoming.getAll(FORWARDED));
        String element = element(peer, scheme, host);
        headers.set(FORWARDED, forwarded.isEmpty() ? element : forwarded + ", " + element);
    }

    private static void keepOrSet(HttpHeaders headers, HttpHeaders incoming, AsciiString name, String value) {
        String sent = incoming.get(name);
        if (sent != null) {
            headers.set(name, sent);
        } else if (value.isEmpty()) {
            headers.remove(name);
        } else {
            headers.set(name, value);
        }
    }

    private static void replace(HttpHeaders headers, String ip, String scheme, String host, int port) {
        headers.set(X_FORWARDED_FOR, ip);
        headers.set(X_FORWARDED_PROTO, scheme);
        headers.set(X_FORWARDED_PORT, Integer.toString(port));
        if (host.isEmpty()) {
            headers.remove(X_FORWARDED_HOST);
        } else {
            headers.set(X_FORWARDED_HOST, host);
        }
        headers.set(FORWARDED, element(ip, scheme, host));
    }

    private static String element(String ip, String scheme, String host) {
        StringBuilder forwarded = new StringBuilder(64).append("for=");
        if (ip.indexOf(':') >= 0) {
            forwarded.append("\"[").append(ip).append("]\"");
        } else {
            forwarded.append(ip);
        }
        forwarded.append(";proto=").append(scheme);
        if (!host.isEmpty() && isToken(host)) {
            forwarded.append(";host=").append(host);
        } else if (!host.isEmpty()) {
            forwarded.append(";host=\"").append(host.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return forwarded.toString();
    }

    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
