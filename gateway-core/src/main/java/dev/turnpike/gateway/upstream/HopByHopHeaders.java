package dev.turnpike.gateway.upstream;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Removes the headers that belong to one connection and must not cross the proxy (RFC 9110 section 7.6.1):
 * {@code Connection} and every header it names, {@code Keep-Alive}, {@code Proxy-Connection}, {@code TE},
 * {@code Transfer-Encoding}, {@code Upgrade}, {@code Trailer} and every {@code Proxy-*} header. Used in both
 * directions.
 */
public final class HopByHopHeaders {
    private static final AsciiString[] FIXED = {
        HttpHeaderNames.CONNECTION,
        HttpHeaderNames.KEEP_ALIVE,
        HttpHeaderNames.PROXY_CONNECTION,
        HttpHeaderNames.TE,
        HttpHeaderNames.TRANSFER_ENCODING,
        HttpHeaderNames.UPGRADE,
        HttpHeaderNames.TRAILER,
    };

    private HopByHopHeaders() {
    }

    /** Removes every hop-by-hop header from {@code headers}, in place. */
    public static void strip(HttpHeaders headers) {
        // Names listed in Connection are hop-by-hop too; read them before Connection itself goes.
        List<String> connection = headers.getAll(HttpHeaderNames.CONNECTION);
        for (int i = 0; i < connection.size(); i++) {
            for (String token : connection.get(i).split(",")) {
                String name = token.trim();
                if (!name.isEmpty()) {
                    headers.remove(name);
                }
            }
        }
        for (AsciiString name : FIXED) {
            headers.remove(name);
        }
        List<String> proxyHeaders = null;
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence(); it.hasNext(); ) {
            CharSequence name = it.next().getKey();
            if (name.length() > 6 && AsciiString.regionMatches(name, true, 0, "proxy-", 0, 6)) {
                if (proxyHeaders == null) {
                    proxyHeaders = new ArrayList<>(2);
                }
                proxyHeaders.add(name.toString().toLowerCase(Locale.ROOT));
            }
        }
        if (proxyHeaders != null) {
            for (String name : proxyHeaders) {
                headers.remove(name);
            }
        }
    }
}
