package dev.turnpike.gateway.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The admin API's route table: method and path template ({@code /apis/{id}}) to handler. Tells a path that exists
 * for other methods (405 with {@code Allow}) from one that does not exist (404). Built once, then read-only and
 * thread-safe.
 */
final class AdminRouter {
    /** Answers one matched admin request; runs off the event loop and may block. */
    @FunctionalInterface
    interface Handler {
        AdminResponse handle(AdminRequest request);
    }

    /**
     * One route.
     *
     * @param method    upper-case method
     * @param template  path template below the API prefix, segments in braces are parameters
     * @param bodyLimit the largest request body accepted in bytes (0: none expected)
     * @param handler   what answers it
     */
    record Route(String method, String template, long bodyLimit, Handler handler) {
        /** Whether this route changes something: only GET (and HEAD) read. */
        boolean writes() {
            return !method.equals("GET") && !method.equals("HEAD");
        }

        Map<String, String> match(String[] segments) {
            String[] parts = template.substring(1).split("/");
            if (parts.length != segments.length) {
                return null;
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < parts.length; i++) {
                if (parts[i].startsWith("{")) {
                    if (segments[i].isEmpty()) {
                        return null;
                    }
                    params.put(parts[i].substring(1, parts[i].length() - 1), segments[i]);
                } else if (!parts[i].equals(segments[i])) {
                    return null;
                }
            }
            return params;
        }
    }

    /**
     * The result of matching: a route with its parameters, or the methods the path has (empty: no such path).
     */
    record Match(Route route, Map<String, String> params, Set<String> allowed) {
    }

    private final List<Route> routes = new ArrayList<>();

    /** Adds a route; {@code template} starts with {@code /}. */
    AdminRouter add(String method, String template, long bodyLimit, Handler handler) {
        routes.add(new Route(method, template, bodyLimit, handler));
        return this;
    }

    /** Every route, in the order added. */
    List<Route> routes() {
        return List.copyOf(routes);
    }

    /** Matches {@code path} (below the API prefix, without query; already percent-decoded per segment). */
    Match match(String method, String[] segments) {
        Set<String> allowed = new LinkedHashSet<>();
        for (Route r : routes) {
            Map<String, String> params = r.match(segments);
            if (params != null) {
                if (r.method().equals(method)) {
                    return new Match(r, params, Set.of());
                }
                allowed.add(r.method());
            }
        }
        return new Match(null, Map.of(), allowed);
    }
}
