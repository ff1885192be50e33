package dev.turnpike.registry.model;

import java.util.Objects;
import java.util.Set;

/**
 * One operation of an API as the gateway matches it: a method and a path template relative to the API's base path.
 *
 * <p>Path templates are literal segments, {@code {name}} for exactly one segment, and an optional trailing
 * {@code /**} that matches any rest of the path (including nothing). {@code /items/{id}} matches {@code /items/42};
 * {@code /**} matches every path under the base path.
 *
 * @param method an upper-case HTTP method, or {@link #ANY_METHOD}
 * @param path   the template, starting with {@code /}
 */
public record Route(String method, String path) {
    /** Matches every method. */
    public static final String ANY_METHOD = "*";

    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", ANY_METHOD);

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("method: \"" + method
                    + "\" (expected: one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, TRACE or *)");
        }
        String problem = templateProblem(path);
        if (problem != null) {
            throw new IllegalArgumentException("path: \"" + path + "\" (expected: " + problem + ")");
        }
    }

    /** The catch-all route an API without operations gets: every method, every path under its base path. */
    public static Route prefix() {
        return new Route(ANY_METHOD, "/**");
    }

    /** Returns why {@code path} is not a valid template, or {@code null} if it is. */
    public static String templateProblem(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return "a path starting with /";
        }
        if (path.equals("/")) {
            return null;
        }
        String[] segments = path.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (s.isEmpty()) {
                if (i == segments.length - 1) {
                    continue; // a trailing slash is a distinct, literal path
                }
                return "no empty segments (//)";
            }
            if (!isSegment(s)) {
                return "segments that are literal, {name} or a final **";
            }
            if (s.equals("**") && i != segments.length - 1) {
                return "** only as the last segment";
            }
        }
        return null;
    }

    /**
     * Whether {@code s} is a {@code {name}} parameter ({@code [A-Za-z_][A-Za-z0-9_.-]*}), a literal (no braces or
     * slashes) or {@code **}. A loop rather than a regex: every route of every routing snapshot goes through it.
     */
    private static boolean isSegment(String s) {
        if (s.isEmpty()) {
            return false;
        }
        if (s.charAt(0) == '{') {
            int last = s.length() - 1;
            if (last < 2 || s.charAt(last) != '}' || !isNameStart(s.charAt(1))) {
                return false;
            }
            for (int i = 2; i < last; i++) {
                char c = s.charAt(i);
                if (!isNameStart(c) && !(c >= '0' && c <= '9') && c != '.' && c != '-') {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{' || c == '}' || c == '/') {
                return false;
            }
        }
        return true;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }
}
