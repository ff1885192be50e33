package dev.turnpike.gateway.pipeline;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Who a request comes from, derived once per request by the server: the TCP peer, or, when the peer is a trusted
 * proxy, the address it (and the trusted proxies before it) says it forwarded for. The brute-force guard, the anonymous
 * per-address limits, the access log and the forwarding headers all read this one value.
 *
 * @param address      the client's address; {@code null} only when the peer is not an IP socket
 * @param text         {@code address} as text (IPv6 without brackets), or {@code -}
 * @param peerTrusted  whether the TCP peer is a trusted proxy (then its forwarding headers are appended to)
 * @param peer         the TCP peer's address as text
 */
public record ClientAddress(InetAddress address, String text, boolean peerTrusted, String peer) {
    /** The key the server stores it under on every {@link Exchange}. */
    public static final ContextKey<ClientAddress> KEY = ContextKey.named("client-address");

    public ClientAddress {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(peer, "peer");
    }

    /** The client address of {@code exchange}. */
    public static ClientAddress of(Exchange exchange) {
        ClientAddress a = exchange.get(KEY);
        if (a == null) {
            throw new IllegalStateException("no client address on " + exchange + ": the server derives it first");
        }
        return a;
    }
}
