package dev.turnpike.gateway.routing;

import java.util.List;

/**
 * One added route as the trie stores it at its end node.
 *
 * @param host       the lower-case host, or {@code "*"} for any host (for messages only)
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
}
