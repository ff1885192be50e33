package dev.turnpike.gateway.server;

/**
 * The request target of an HTTP request line, split into a normalized path and the raw query.
 *
 * <p>Accepts origin-form ({@code /a/b?q}) and absolute-form ({@code http://host/a/b?q}). The path has its dot-segments
 * removed (RFC 3986 section 5.2.4, also when written as {@code %2e}), so {@code /api/../admin} cannot reach a route
 * its text does not name; it is otherwise left as sent (no percent-decoding), because the upstream must see the same
 * bytes the client sent.
 *
 * @param path  starts with {@code /}
 * @param query without {@code ?}, possibly empty
 */
public record RequestTarget(String path, String query) {

    /**
     * Parses {@code uri} from the request line.
     *
     * @return the target, or {@code null} if it is not a valid origin- or absolute-form target
     */
    public static RequestTarget parse(String uri) {
        int start = 0;
        if (!uri.startsWith("/")) {
            int scheme = uri.indexOf("://");
            if (scheme <= 0 || !(uri.regionMatches(true, 0, "http", 0, scheme) || uri.regionMatches(true, 0, "https", 0, scheme))) {
                return null;
            }
            int slash = uri.indexOf('/', scheme + 3);
            if (slash < 0) {
                int q = uri.indexOf('?', scheme + 3);
                return new RequestTarget("/", q < 0 ? "" : uri.substring(q + 1));
            }
            start = slash;
        }
        int end = uri.length();
        int hash = uri.indexOf('#', start);
        if (hash >= 0) {
            end = hash;
        }
        int q = uri.indexOf('?', start);
        String query = "";
        if (q >= 0 && q < end) {
            query = uri.substring(q + 1, end);
            end = q;
        }
        String raw = uri.substring(start, end);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '\\') {
                return null;
            }
        }
        return new RequestTarget(removeDotSegments(raw), query);
    }

    /** Whether there is anything to normalize; the common case returns fast without allocating. */
    private static boolean hasDotSegment(String path) {
        return path.contains("/.") || path.contains("%2e") || path.contains("%2E");
    }

    static String removeDotSegments(String path) {
        if (!hasDotSegment(path)) {
            return path;
        }
        String[] segments = path.substring(1).split("/", -1);
        String[] out = new String[segments.length];
        int n = 0;
        boolean trailingSlash = false;
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            String decoded = s.replace("%2e", ".").replace("%2E", ".");
            boolean last = i == segments.length - 1;
            if (decoded.equals(".")) {
                trailingSlash = last;
            } else if (decoded.equals("..")) {
                if (n > 0) {
                    n--;
                }
                trailingSlash = last;
            } else {
                out[n++] = s;
                trailingSlash = false;
            }
        }
        StringBuilder b = new StringBuilder(path.length());
        for (int i = 0; i < n; i++) {
            b.append('/').append(out[i]);
        }
        if (trailingSlash || b.length() == 0) {
            b.append('/');
        }
        return b.toString();
    }
}
