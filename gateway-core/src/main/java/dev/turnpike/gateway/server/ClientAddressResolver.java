package dev.turnpike.gateway.server;

import dev.turnpike.gateway.config.EdgeSettings;
import dev.turnpike.gateway.pipeline.ClientAddress;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Derives a request's {@link ClientAddress}. A peer that is not a trusted proxy is the client, and whatever
 * {@code X-Forwarded-For}/{@code Forwarded} it sent is ignored (the proxy replaces it). From a trusted proxy, the
 * forwarded chain ({@code X-Forwarded-For}, else the {@code for=} parameters of {@code Forwarded}) is walked from the
 * right, skipping trusted proxies; the first other address is the client. An entry that is not an IP address (a
 * name, {@code unknown}, an obfuscated identifier) stops the walk: the last trusted hop is the client then. Never
 * resolves names. Thread-safe.
 */
final class ClientAddressResolver {
    private static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    private static final AsciiString FORWARDED = AsciiString.cached("forwarded");

    private final EdgeSettings edge;

    ClientAddressResolver(EdgeSettings edge) {
        this.edge = edge;
    }

    ClientAddress resolve(SocketAddress remote, HttpHeaders headers) {
        if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return new ClientAddress(null, "-", false, "-");
        }
        InetAddress peer = inet.getAddress();
        String peerText = peer.getHostAddress();
        if (edge.trustedProxies().isEmpty() || !edge.trusted(peer)) {
            return new ClientAddress(peer, peerText, false, peerText);
        }
        List<String> chain = chain(headers);
        InetAddress client = peer;
        for (int i = chain.size() - 1; i >= 0; i--) {
            InetAddress hop = ip(chain.get(i));
            if (hop == null) {
                break;
            }
            client = hop;
            if (!edge.trusted(hop)) {
                break;
            }
        }
        return new ClientAddress(client, client.getHostAddress(), true, peerText);
    }

    private static List<String> chain(HttpHeaders headers) {
        List<String> out = new ArrayList<>();
        List<String> xff = headers.getAll(X_FORWARDED_FOR);
        if (!xff.isEmpty()) {
            for (String value : xff) {
                for (String part : value.split(",")) {
                    out.add(part.trim());
                }
            }
            return out;
        }
        for (String value : headers.getAll(FORWARDED)) {
            for (String element : value.split(",")) {
                String forNode = "";
                for (String pair : element.split(";")) {
                    String p = pair.trim();
                    if (p.regionMatches(true, 0, "for=", 0, 4)) {
                        forNode = p.substring(4).replace("\"", "");
                    }
                }
                out.add(forNode);
            }
        }
        return out;
    }

    /** An IPv4 or IPv6 literal (brackets and a port allowed, as in {@code Forwarded}), else {@code null}. */
    static InetAddress ip(String node) {
        String n = node;
        if (n.startsWith("[")) {
            int close = n.indexOf(']');
            n = close < 0 ? "" : n.substring(1, close);
        } else if (n.indexOf(':') == n.lastIndexOf(':') && n.indexOf(':') > 0) {
            n = n.substring(0, n.indexOf(':'));
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(n);
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }
}
