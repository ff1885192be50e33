package dev.turnpike.gateway.config;

import io.netty.util.NetUtil;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * A web origin (RFC 6454): scheme, host and port, written the way browsers send it in {@code Origin} (lower case, the
 * default port left out, an IPv6 address in brackets), so two origins are the same exactly when their texts are.
 *
 * @param scheme {@code http} or {@code https}
 * @param host   a name or an IP address (IPv6 without brackets), lower case
 * @param port   1..65535
 */
public record WebOrigin(String scheme, String host, int port) {
    private static final String EXPECTED = "an origin such as https://portal.example.com or http://127.0.0.1:9080:"
            + " http or https, a host and an optional port; no path, no *";

    public WebOrigin {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("scheme: \"" + scheme + "\" (expected: http or https)");
        }
        if (host.isEmpty() || !host.equals(host.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("host: \"" + host + "\" (expected: a lower-case name or address)");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
        }
    }

    /**
     * Parses an origin as configured ({@code https://portal.example.com}, a trailing {@code /} allowed).
     *
     * @throws IllegalArgumentException naming what was expected
     */
    public static WebOrigin parse(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("\"" + text.trim() + "\" (expected: " + EXPECTED + ")", e);
        }
        boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null || !bare
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("\"" + text.trim() + "\" (expected: " + EXPECTED + ")");
        }
        try {
            return of(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + text.trim() + "\" (expected: " + EXPECTED + ")", e);
        }
    }

    /** The origin of an absolute {@code http} or {@code https} URL. */
    public static WebOrigin of(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        return of(scheme, url.getHost() == null ? "" : url.getHost(), url.getPort());
    }

    /**
     * The origin of {@code scheme://host:port}; {@code host} may be an IPv6 address with or without brackets, a port
     * below 1 means the scheme's default.
     */
    public static WebOrigin of(String scheme, String host, int port) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        int p = port > 0 ? port : scheme.equals("https") ? 443 : 80;
        return new WebOrigin(scheme, h.toLowerCase(Locale.ROOT), p);
    }

    /** Whether {@code host} is a wildcard address ({@code 0.0.0.0}, {@code ::}) that names no one machine. */
    public static boolean wildcard(String host) {
        byte[] address = NetUtil.createByteArrayFromIpAddressString(host);
        if (address == null) {
            return false;
        }
        for (byte b : address) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code host} is {@code localhost} or a loopback address (no name lookup). */
    public static boolean loopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        byte[] address = NetUtil.createByteArrayFromIpAddressString(host);
        if (address == null) {
            return false;
        }
        if (address.length == 4) {
            return address[0] == 127;
        }
        for (int i = 0; i < 15; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[15] == 1;
    }

    /** The same scheme and port on {@code other} host. */
    public WebOrigin withHost(String other) {
        return of(scheme, other, port);
    }

    /** As browsers send it in {@code Origin}: {@code https://api.example.com}, {@code http://[::1]:8080}. */
    @Override
    public String toString() {
        boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + (defaultPort ? "" : ":" + port);
    }
}
