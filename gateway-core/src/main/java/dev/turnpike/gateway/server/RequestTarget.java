package dev.turnpike.gateway.server;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The request target of an HTTP request line, checked and split into a normalized path and the raw query.
 *
 * <p>Accepts origin-form ({@code /a/b?q}) and absolute-form ({@code http://host/a/b?q}, no userinfo, see
 * {@link HostSyntax}). The path has its dot-segments removed (RFC 3986 section 5.2.4, also when written as
 * {@code %2e}), so {@code /api/../admin} cannot reach a route its text does not name; it is otherwise left as sent (no
 * percent-decoding), because the upstream must see the same bytes the client sent. Because a backend may decode it
 * into something else, a path is refused when it has an encoded NUL, a dot segment with path parameters
 * ({@code ..;/}), an escape that is not two hex digits, escapes that do not decode to valid UTF-8 (overlong forms such
 * as {@code %c0%af}, surrogates, truncated sequences), raw bytes outside printable ASCII, a backslash or a fragment.
 * The query is forwarded as sent; it only must not contain controls, spaces, non-ASCII bytes or {@code #}. An encoded
 * slash or backslash ({@code %2F}, {@code %5C}) is not refused here but noted ({@link #encodedSlash}): whether it may
 * pass depends on the API the path routes to ({@link RequestGuardFilter}); it stays encoded, inside its segment, for
 * dot-segment removal and route matching.
 *
 * @param path         starts with {@code /}
 * @param query        without {@code ?}, possibly empty
 * @param authority    the authority of an absolute-form target, else empty
 * @param encodedSlash whether the path has {@code %2F} or {@code %5C} (in any case)
 */
public record RequestTarget(String path, String query, String authority, boolean encodedSlash) {

    /** The refusal of a path with an encoded slash, for an API that does not pass them. */
    public static final Refusal ENCODED_SLASH = Refusal.malformed("encoded-slash", "request target: an encoded slash"
            + " or backslash (%2F, %5C) in the path (expected: none, a backend may decode it to a separator; an API"
            + " may pass them with policies.encodedSlashes: pass)");

    /**
     * Parses {@code uri} from the request line.
     *
     * @return the target, or {@code null} if it is refused ({@link #check} says why)
     */
    public static RequestTarget parse(String uri) {
        try {
            return check(uri);
        } catch (Refusal.RefusedException e) {
            return null;
        }
    }

    /**
     * Parses {@code uri} from the request line.
     *
     * @throws Refusal.RefusedException naming the rule it breaks
     */
    static RequestTarget check(String uri) {
        int start = 0;
        String authority = "";
        if (!uri.startsWith("/")) {
            int scheme = uri.indexOf("://");
            if (scheme <= 0 || !(uri.regionMatches(true, 0, "http", 0, scheme)
                    || uri.regionMatches(true, 0, "https", 0, scheme))) {
                throw Refusal.refuse("target-form", "request target: " + Refusal.quote(uri)
                        + " (expected: an absolute path such as /a/b?q, or http(s)://host/a/b?q)");
            }
            int end = scheme + 3;
            while (end < uri.length() && "/?#".indexOf(uri.charAt(end)) < 0) {
                end++;
            }
            authority = uri.substring(scheme + 3, end);
            if (authority.indexOf('@') >= 0) {
                throw Refusal.refuse("target-userinfo", "request target: userinfo in " + Refusal.quote(uri)
                        + " (expected: http(s)://host[:port]/path without user@)");
            }
            HostSyntax.check(authority, "request target authority");
            if (end == uri.length() || uri.charAt(end) != '/') {
                return finish("/", false, uri, end, authority);
            }
            start = end;
        }
        int q = uri.indexOf('?', start);
        int end = q < 0 ? uri.length() : q;
        String raw = uri.substring(start, end);
        boolean encodedSlash = checkPath(raw);
        return finish(removeDotSegments(raw), encodedSlash, uri, end, authority);
    }

    private static RequestTarget finish(String path, boolean encodedSlash, String uri, int end, String authority) {
        String query = "";
        if (end < uri.length()) {
            if (uri.charAt(end) != '?') {
                throw Refusal.refuse("target-fragment", "request target: a fragment (#...) (expected: none)");
            }
            query = uri.substring(end + 1);
            for (int i = 0; i < query.length(); i++) {
                char c = query.charAt(i);
                if (c <= ' ' || c >= 0x7f || c == '#') {
                    throw Refusal.refuse(c == '#' ? "target-fragment" : "target-character",
                            "request target: query character 0x" + Integer.toHexString(c)
                                    + " (expected: printable ASCII, no '#')");
                }
            }
        }
        return new RequestTarget(path, query, authority, encodedSlash);
    }

    /** Checks the raw path's characters and escapes; returns whether it has an encoded slash or backslash. */
    private static boolean checkPath(String raw) {
        boolean escapes = false;
        boolean params = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '\\' || c == '#') {
                throw Refusal.refuse(c == '#' ? "target-fragment" : "target-character",
                        "request target: path character 0x" + Integer.toHexString(c)
                                + " (expected: printable ASCII without '\\' or '#'; escape others as UTF-8 %XX)");
            }
            escapes |= c == '%';
            params |= c == ';';
        }
        boolean encodedSlash = escapes && checkEscapes(raw);
        if (params) {
            checkParameters(raw);
        }
        return encodedSlash;
    }

    /** Checks the escapes; returns whether one is a slash or backslash. */
    private static boolean checkEscapes(String raw) {
        byte[] decoded = new byte[raw.length()];
        int n = 0;
        boolean encodedSlash = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                decoded[n++] = (byte) c;
                continue;
            }
            int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
            if (lo < 0) {
                throw Refusal.refuse("escape-invalid", "request target: invalid escape at "
                        + Refusal.quote(raw.substring(i, Math.min(raw.length(), i + 3)))
                        + " (expected: % and two hex digits)");
            }
            int b = hi * 16 + lo;
            encodedSlash |= b == '/' || b == '\\';
            if (b == 0) {
                throw Refusal.refuse("encoded-nul", "request target: an encoded NUL (%00) in the path (expected: none)");
            }
            decoded[n++] = (byte) b;
            i += 2;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(decoded, 0, n));
        } catch (CharacterCodingException e) {
            throw Refusal.refuse("escape-utf8", "request target: escapes that are not valid UTF-8 (overlong, "
                    + "truncated or surrogate sequences) in the path (expected: UTF-8 bytes, percent-encoded)");
        }
        return encodedSlash;
    }

    /** A segment {@code ..;x} or {@code .;x} is a dot segment to some servers (Tomcat) and a name to others. */
    private static void checkParameters(String raw) {
        for (String segment : raw.split("/", -1)) {
            int semi = segment.indexOf(';');
            if (semi >= 0) {
                String name = segment.substring(0, semi).replace("%2e", ".").replace("%2E", ".");
                if (name.equals(".") || name.equals("..")) {
                    throw Refusal.refuse("dot-segment-parameter", "request target: a dot segment with path "
                            + "parameters " + Refusal.quote(segment) + " (expected: none)");
                }
            }
        }
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
