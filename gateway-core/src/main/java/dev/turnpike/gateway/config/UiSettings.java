package dev.turnpike.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The web catalog's settings ({@code docs/web-catalog.md}): whether Swagger UI offers "Try it out" on an API's page,
 * and where its requests go. Immutable.
 *
 * <p>With "Try it out" on, the browser calls the public listener from the admin listener's origin: the page's
 * Content-Security-Policy allows connections to the public URL's origin, and the public listener answers CORS for
 * the admin listener's origins ({@link #adminOrigins}) besides {@code cors.allowedOrigins}.
 *
 * @param tryItOut  whether "Try it out" is offered; {@code false} by default (the document is read-only)
 * @param publicUrl the public listener as browsers reach it, e.g. {@code https://api.example.com} (a path prefix is
 *                  kept, no trailing {@code /}); empty = derived from the listeners, see {@link #effectivePublicUrl}
 */
public record UiSettings(boolean tryItOut, Optional<URI> publicUrl) {
    /** Off, nothing configured. */
    public static final UiSettings DEFAULTS = new UiSettings(false, Optional.empty());

    private static final String EXPECTED = "an http or https URL such as https://api.example.com, without query,"
            + " fragment or user info";

    public UiSettings {
        Objects.requireNonNull(publicUrl, "publicUrl");
        publicUrl.ifPresent(url -> {
            if (!url.toString().equals(parsePublicUrl(url.toString()).map(URI::toString).orElse(""))) {
                throw new IllegalArgumentException("ui.publicUrl: \"" + url + "\" (expected: " + EXPECTED
                        + ", no trailing /)");
            }
        });
    }

    /**
     * Parses {@code ui.publicUrl}: empty text is no URL; a trailing {@code /} is dropped.
     *
     * @throws IllegalArgumentException naming what was expected
     */
    public static Optional<URI> parsePublicUrl(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(t);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("expected: " + EXPECTED, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("expected: " + EXPECTED);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return Optional.of(URI.create(WebOrigin.of(uri) + path));
    }

    /**
     * The public URL "Try it out" sends requests to: {@code publicUrl} when set; else {@code http(s)://public.host:port}
     * when {@code public.host} names one address; else, when {@code public.host} is a wildcard and the admin listener
     * is on loopback (so the browser runs on this machine, which reaches the wildcard listener on loopback too),
     * {@code http(s)://admin.host:port}; else empty (it cannot be known: {@code ui.publicUrl} is required).
     *
     * @param tls        whether the public listener serves HTTPS
     * @param publicPort the public listener's bound port
     */
    public Optional<URI> effectivePublicUrl(NodeSettings.Listener pub, NodeSettings.Listener admin, boolean tls,
                                            int publicPort) {
        if (publicUrl.isPresent()) {
            return publicUrl;
        }
        String host = !WebOrigin.wildcard(pub.host()) ? pub.host()
                : WebOrigin.loopback(admin.host()) ? admin.host() : null;
        return host == null ? Optional.empty()
                : Optional.of(URI.create(WebOrigin.of(tls ? "https" : "http", host, publicPort).toString()));
    }

    /**
     * The origins the web catalog is served at, as far as the admin listener's address tells: none for a wildcard
     * {@code admin.host} (list the UI's origin in {@code cors.allowedOrigins} then); {@code admin.host} with the bound
     * port; and for a loopback address also {@code localhost} with that port.
     *
     * @param tls       whether the admin listener serves HTTPS
     * @param adminPort the admin listener's bound port
     */
    public static List<WebOrigin> adminOrigins(NodeSettings.Listener admin, boolean tls, int adminPort) {
        if (WebOrigin.wildcard(admin.host())) {
            return List.of();
        }
        WebOrigin origin = WebOrigin.of(tls ? "https" : "http", admin.host(), adminPort);
        return WebOrigin.loopback(admin.host()) && !origin.host().equals("localhost")
                ? List.of(origin, origin.withHost("localhost")) : List.of(origin);
    }
}
