package dev.turnpike.registry.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The request a composite part sends to its API: method, path relative to the API's base path, query parameters
 * and headers, each value a {@link PartTemplate}. Maps keep the order they were given in.
 *
 * @param method  an upper-case HTTP method ({@code GET}, {@code POST}, ...)
 * @param path    a template starting with {@code /}, relative to the API's base path
 * @param query   query parameters by name; values are templates
 * @param headers request headers by name; values are templates
 */
public record PartRequest(String method, PartTemplate path, Map<String, PartTemplate> query,
                          Map<String, PartTemplate> headers) {
    /** The methods a part may use. */
    public static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    public PartRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("method: \"" + method
                    + "\" (expected: one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS)");
        }
        if (!path.text().startsWith("/")) {
            throw new IllegalArgumentException("path: \"" + path.text() + "\" (expected: a path starting with /)");
        }
        query = ordered("query", query);
        headers = ordered("headers", headers);
    }

    /** A request of {@code method} and {@code path} with no query and no headers. */
    public static PartRequest of(String method, String path) {
        return new PartRequest(method, PartTemplate.parse("path", path), Map.of(), Map.of());
    }

    /** Every reference of the path, the query values and the header values, in that order. */
    public List<PartTemplate.Reference> references() {
        List<PartTemplate.Reference> all = new ArrayList<>(path.references());
        query.values().forEach(t -> all.addAll(t.references()));
        headers.values().forEach(t -> all.addAll(t.references()));
        return all;
    }

    private static Map<String, PartTemplate> ordered(String field, Map<String, PartTemplate> map) {
        Objects.requireNonNull(map, field);
        for (Map.Entry<String, PartTemplate> e : map.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank() || e.getValue() == null) {
                throw new IllegalArgumentException(field + ": " + e.getKey() + "=" + e.getValue()
                        + " (expected: non-empty names with values)");
            }
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
