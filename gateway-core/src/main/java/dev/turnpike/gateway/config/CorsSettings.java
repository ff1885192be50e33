package dev.turnpike.gateway.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Which browser origins may call the public listener cross-origin ({@code docs/security.md}, "CORS"). Empty (the
 * default) leaves CORS alone: the gateway answers no preflight and passes {@code OPTIONS} and upstreams'
 * {@code Access-Control-*} headers through, unless the web catalog's "Try it out" adds the admin origins. Immutable.
 *
 * @param allowedOrigins the origins, each once
 */
public record CorsSettings(List<WebOrigin> allowedOrigins) {
    /** No origin configured. */
    public static final CorsSettings DEFAULTS = new CorsSettings(List.of());

    public CorsSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
        if (allowedOrigins.stream().distinct().count() != allowedOrigins.size()) {
            throw new IllegalArgumentException("cors.allowedOrigins: " + allowedOrigins
                    + " (expected: each origin once)");
        }
    }

    /**
     * Parses {@code cors.allowedOrigins}: origins separated by commas.
     *
     * @throws IllegalArgumentException naming the origin that is not one
     */
    public static List<WebOrigin> parseOrigins(String text) {
        List<WebOrigin> origins = new ArrayList<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                WebOrigin origin = WebOrigin.parse(item);
                if (!origins.contains(origin)) {
                    origins.add(origin);
                }
            }
        }
        return origins;
    }
}
