package dev.turnpike.gateway.cors;

import dev.turnpike.gateway.config.WebOrigin;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides cross-origin (CORS) requests to the public listener, knowing no HTTP: which origins may call it from a
 * browser, and whether a preflight's method and headers are allowed. {@link CorsFilter} enforces it.
 *
 * <p>An allowed origin may send any of {@link #METHODS} with any request headers (the gateway cannot know an API's
 * header parameters before routing, and the origin is trusted by being listed); it never gets credentials (cookies):
 * callers send their API key in {@code X-Api-Key}. An empty policy ({@link #NONE}) is off.
 *
 * <p>Immutable and thread-safe.
 */
public final class CorsPolicy {
    /** No origin allowed: the gateway leaves CORS alone. */
    public static final CorsPolicy NONE = new CorsPolicy(List.of());
    /** The methods a preflight may ask for. */
    public static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    /** Most header names one preflight may ask for. */
    static final int MAX_REQUEST_HEADERS = 64;

    private final Set<String> origins;
    private final List<WebOrigin> list;

    private CorsPolicy(Collection<WebOrigin> origins) {
        this.list = List.copyOf(new LinkedHashSet<>(origins));
        Set<String> texts = new LinkedHashSet<>();
        list.forEach(o -> texts.add(o.toString()));
        this.origins = Set.copyOf(texts);
    }

    /** A policy allowing {@code origins} (duplicates are dropped). */
    public static CorsPolicy allowing(Collection<WebOrigin> origins) {
        return origins.isEmpty() ? NONE : new CorsPolicy(origins);
    }

    /** This policy with {@code more} origins allowed as well. */
    public CorsPolicy with(Collection<WebOrigin> more) {
        List<WebOrigin> all = new ArrayList<>(list);
        all.addAll(more);
        return allowing(all);
    }

    /** Whether the gateway answers CORS at all (some origin is allowed). */
    public boolean enabled() {
        return !origins.isEmpty();
    }

    /** The allowed origins, in the order given. */
    public List<WebOrigin> origins() {
        return list;
    }

    /** Whether the {@code Origin} header value {@code origin} is allowed (as browsers send it; case-insensitive). */
    public boolean allows(String origin) {
        return origin != null && origins.contains(origin.toLowerCase(Locale.ROOT));
    }

    /**
     * Why a preflight from {@code origin} asking for {@code method} and {@code requestHeaders} (the
     * {@code Access-Control-Request-*} values; headers may be {@code null}) is refused, or empty when it is allowed.
     */
    public Optional<String> refusal(String origin, String method, String requestHeaders) {
        if (!allows(origin)) {
            return Optional.of("Origin " + origin + " may not call this gateway from a browser");
        }
        if (!METHODS.contains(method)) {
            return Optional.of("Access-Control-Request-Method: " + method + " (expected: one of "
                    + String.join(", ", METHODS) + ")");
        }
        if (requestHeaders != null && headerNames(requestHeaders) == null) {
            return Optional.of("Access-Control-Request-Headers: " + requestHeaders + " (expected: at most "
                    + MAX_REQUEST_HEADERS + " header names separated by commas)");
        }
        return Optional.empty();
    }

    /**
     * The header names of an {@code Access-Control-Request-Headers} value, lower case and joined by {@code ", "}, for
     * {@code Access-Control-Allow-Headers}; {@code null} when it is not a list of header names.
     */
    public static String headerNames(String requestHeaders) {
        StringBuilder names = new StringBuilder();
        int count = 0;
        for (String item : requestHeaders.split(",", -1)) {
            String name = item.trim();
            if (name.isEmpty() && requestHeaders.isBlank()) {
                return "";
            }
            if (name.isEmpty() || !token(name) || ++count > MAX_REQUEST_HEADERS) {
                return null;
            }
            names.append(names.length() == 0 ? "" : ", ").append(name.toLowerCase(Locale.ROOT));
        }
        return names.toString();
    }

    /** RFC 9110 token characters. */
    private static boolean token(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "CorsPolicy" + list;
    }
}
