package dev.turnpike.gateway.routing;

import dev.turnpike.registry.model.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One added route as the trie stores it at its end node.
 *
 * @param host       the lower-case host, or {@code "*"} for any host
 * @param method     an upper-case method or {@code "*"}
 * @param template   the path template as added
 * @param value      what a match returns
 * @param paramNames names of the template's {@code {param}} segments, left to right
 * @param <T>        the value type
 */
record Leaf<T>(String host, String method, String template, T value, List<String> paramNames) {
    Leaf {
        paramNames = List.copyOf(paramNames);
    }

    /**
     * A validated leaf.
     *
     * @param hostKey a host as {@link RouteTable#hostKey} normalizes it
     * @throws IllegalArgumentException for an invalid method or template, or repeated parameter names
     */
    static <T> Leaf<T> of(String hostKey, String method, String template, T value) {
        Objects.requireNonNull(hostKey, "host");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(template, "pathTemplate");
        Objects.requireNonNull(value, "value");
        if (!isMethod(method)) {
            throw new IllegalArgumentException("method: \"" + method + "\" (expected: an upper-case method or *)");
        }
        String problem = Route.templateProblem(template);
        if (problem != null) {
            throw new IllegalArgumentException("pathTemplate: \"" + template + "\" (expected: " + problem + ")");
        }
        List<String> names = List.of();
        for (int start = template.indexOf('{'); start >= 0; start = template.indexOf('{', start + 1)) {
            String name = template.substring(start + 1, template.indexOf('}', start));
            if (names.contains(name)) {
                throw new IllegalArgumentException("pathTemplate: \"" + template
                        + "\" (expected: distinct parameter names)");
            }
            if (names.isEmpty()) {
                names = new ArrayList<>(2);
            }
            names.add(name);
        }
        return new Leaf<>(hostKey, method, template, value, names);
    }

    /** {@code *} or {@code [A-Z][A-Z_-]*}, without a regex: this runs once per route of every snapshot. */
    private static boolean isMethod(String m) {
        if (m.equals(RouteTable.ANY_METHOD)) {
            return true;
        }
        if (m.isEmpty() || m.charAt(0) < 'A' || m.charAt(0) > 'Z') {
            return false;
        }
        for (int i = 1; i < m.length(); i++) {
            char c = m.charAt(i);
            if ((c < 'A' || c > 'Z') && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** What a template segment is: a literal, a {@code {param}}, or the final {@code /**}. */
    enum Segment { LITERAL, PARAM, REST }

    /** Where the template's segment that starts at {@code pos} ends: the next {@code /}, or the template's end. */
    int segmentEnd(int pos) {
        int end = template.indexOf('/', pos);
        return end < 0 ? template.length() : end;
    }

    /** What the template's segment {@code [pos, end)} is; the one rule both trie builders follow. */
    Segment segment(int pos, int end) {
        if (end == template.length() && end - pos == 2 && template.startsWith("**", pos)) {
            return Segment.REST;
        }
        return template.startsWith("{", pos) ? Segment.PARAM : Segment.LITERAL;
    }
}
