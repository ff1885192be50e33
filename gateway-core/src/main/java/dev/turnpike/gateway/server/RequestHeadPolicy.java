package dev.turnpike.gateway.server;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;

/**
 * The rules an HTTP/1.x request head must meet, beyond what the decoder already refuses (RFC 9110, RFC 9112):
 *
 * <ul>
 *   <li>version {@code HTTP/1.1} or {@code HTTP/1.0}, written exactly so; a method made of token characters;</li>
 *   <li>{@code Host}: exactly one field on HTTP/1.1 (at most one on 1.0) with a valid value ({@link HostSyntax}); an
 *       absolute-form target's authority wins and must be the same as {@code Host};</li>
 *   <li>framing: at most one {@code Content-Length} field, one decimal number of at most 18 digits; at most one
 *       {@code Transfer-Encoding} field, exactly {@code chunked} (the gateway decodes no other coding), and only on
 *       HTTP/1.1; never both;</li>
 *   <li>{@code Connection} may not nominate {@code Host}, {@code Content-Length} or {@code Transfer-Encoding} as
 *       hop-by-hop (the gateway would frame or route differently from the upstream).</li>
 * </ul>
 *
 * <p>The request target is checked by {@link RequestTarget}, for HTTP/2 as well. Stateless and thread-safe.
 */
final class RequestHeadPolicy {
    private RequestHeadPolicy() {
    }

    /**
     * Checks {@code request}'s head.
     *
     * @return why it is refused, or {@code null} when it may pass
     */
    static Refusal check(HttpRequest request) {
        try {
            HttpVersion version = request.protocolVersion();
            if (version != HttpVersion.HTTP_1_1 && version != HttpVersion.HTTP_1_0) {
                throw Refusal.refuse("version", "protocol version " + Refusal.quote(version.text())
                        + " (expected: HTTP/1.1 or HTTP/1.0)");
            }
            String method = request.method().name();
            for (int i = 0; i < method.length(); i++) {
                if (!isTokenChar(method.charAt(i))) {
                    throw Refusal.refuse("method", "method " + Refusal.quote(method) + " (expected: a token)");
                }
            }
            HttpHeaders headers = request.headers();
            checkHost(request, headers, version == HttpVersion.HTTP_1_1);
            checkFraming(headers, version == HttpVersion.HTTP_1_1);
            checkConnection(headers);
            return null;
        } catch (Refusal.RefusedException e) {
            return e.refusal();
        }
    }

    private static void checkHost(HttpRequest request, HttpHeaders headers, boolean http11) {
        List<String> hosts = headers.getAll(HttpHeaderNames.HOST);
        if (hosts.size() > 1) {
            throw Refusal.refuse("host-repeated", "Host: " + hosts.size() + " fields (expected: exactly one)");
        }
        if (hosts.isEmpty()) {
            if (http11) {
                throw Refusal.refuse("host-missing", "Host: missing (expected: exactly one on HTTP/1.1)");
            }
            return;
        }
        String host = hosts.get(0);
        HostSyntax.check(host, "Host");
        String uri = request.uri();
        if (!uri.startsWith("/") && uri.contains("://")) {
            int from = uri.indexOf("://") + 3;
            int to = from;
            while (to < uri.length() && "/?#".indexOf(uri.charAt(to)) < 0) {
                to++;
            }
            String authority = uri.substring(from, to);
            if (!authority.equalsIgnoreCase(host)) {
                throw Refusal.refuse("host-mismatch", "Host: " + Refusal.quote(host)
                        + " (expected: the same as the request target's authority " + Refusal.quote(authority) + ")");
            }
        }
    }

    private static void checkFraming(HttpHeaders headers, boolean http11) {
        List<String> lengths = headers.getAll(HttpHeaderNames.CONTENT_LENGTH);
        List<String> codings = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
        if (!lengths.isEmpty() && !codings.isEmpty()) {
            throw Refusal.refuse("length-and-chunked", "Content-Length with Transfer-Encoding (expected: one of them)");
        }
        if (lengths.size() > 1) {
            throw Refusal.refuse("content-length", "Content-Length: " + lengths.size() + " fields (expected: one)");
        }
        if (lengths.size() == 1) {
            String value = lengths.get(0).trim();
            boolean digits = !value.isEmpty() && value.length() <= 18;
            for (int i = 0; digits && i < value.length(); i++) {
                char c = value.charAt(i);
                digits = c >= '0' && c <= '9';
            }
            if (!digits) {
                throw Refusal.refuse("content-length", "Content-Length: " + Refusal.quote(value)
                        + " (expected: one decimal number of at most 18 digits)");
            }
        }
        if (codings.isEmpty()) {
            return;
        }
        if (!http11) {
            throw Refusal.refuse("transfer-encoding", "Transfer-Encoding on HTTP/1.0 (expected: none)");
        }
        if (codings.size() > 1 || !codings.get(0).trim().equalsIgnoreCase("chunked")) {
            throw Refusal.refuse("transfer-encoding", "Transfer-Encoding: " + Refusal.quote(String.join(", ", codings))
                    + " (expected: exactly chunked)");
        }
    }

    private static void checkConnection(HttpHeaders headers) {
        for (String value : headers.getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : value.split(",")) {
                String name = token.trim();
                if (name.equalsIgnoreCase("host") || name.equalsIgnoreCase("content-length")
                        || name.equalsIgnoreCase("transfer-encoding")) {
                    throw Refusal.refuse("connection-nominates", "Connection: " + Refusal.quote(name)
                            + " (expected: no framing or routing field named as hop-by-hop)");
                }
            }
        }
    }

    private static boolean isTokenChar(char c) {
        return c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }
}
