package dev.turnpike.registry.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A composite (fan-out) endpoint: one public path on the gateway whose answer merges the JSON results of several
 * ordinary API calls ({@link CompositePart}s) into one object, each part's body under its name. Parts that do not
 * use each other's results run in parallel; a part that references another part's result waits for it.
 *
 * <p>Checked here: the id, method and path template, the deadline, unique part names, and every reference of
 * every part resolves (path parameters of {@link #path}, other parts) without a cycle. Whether each part's API
 * exists is the {@link Catalog}'s check; whether the public path clashes with an API route is the routing
 * snapshot's.
 *
 * @param id          slug, unique among composites
 * @param owner       the id of the team that owns it
 * @param description free text; may be empty
 * @param lifecycle   {@link Lifecycle#RETIRED} composites answer 410; {@code DEPRECATED} ones are served
 * @param method      the public method: an upper-case HTTP method
 * @param path        the public path template on the gateway, such as {@code /pages/products/{id}}
 * @param timeout     the overall deadline: parts still running then are cancelled
 * @param parts       1..{@value #MAX_PARTS} parts, in the order of the merged answer
 */
public record Composite(String id, String owner, String description, Lifecycle lifecycle, String method, String path,
                        Duration timeout, List<CompositePart> parts) {
    /** The most parts one composite may have. */
    public static final int MAX_PARTS = 32;

    public Composite {
        Slug.require("id", id);
        Slug.require("owner", owner);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(method, "method");
        if (method.equals(Route.ANY_METHOD)) {
            throw new IllegalArgumentException("method: \"*\" (expected: one HTTP method)");
        }
        new Route(method, Objects.requireNonNull(path, "path")); // the same rules as an API's routes
        requirePositive("timeout", timeout);
        parts = List.copyOf(parts);
        if (parts.isEmpty() || parts.size() > MAX_PARTS) {
            throw new IllegalArgumentException("parts: " + parts.size() + " parts (expected: 1.." + MAX_PARTS + ")");
        }
        String problem = referenceProblem(path, parts);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** The part with this name, or {@code null}. */
    public CompositePart part(String name) {
        for (CompositePart p : parts) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** The names of the parts whose results {@code part} uses, each once, in the order referenced. */
    public static Set<String> dependencies(CompositePart part) {
        Set<String> names = new LinkedHashSet<>();
        for (PartTemplate.Reference r : part.request().references()) {
            if (r.source() == PartTemplate.Source.PART) {
                names.add(r.name());
            }
        }
        return names;
    }

    /** The names of the {@code {param}} segments of a path template, left to right. */
    public static List<String> pathParameters(String template) {
        List<String> names = new ArrayList<>();
        for (int start = template.indexOf('{'); start >= 0; start = template.indexOf('{', start + 1)) {
            names.add(template.substring(start + 1, template.indexOf('}', start)));
        }
        return names;
    }

    /**
     * What is wrong with the references of {@code parts} (as {@code "parts[i].field: ... (expected: ...)"}), or
     * {@code null}: duplicate part names, a path parameter {@code path} lacks, a part that does not exist or is the
     * part itself, a cycle of parts waiting for each other.
     */
    public static String referenceProblem(String path, List<CompositePart> parts) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            Integer first = index.putIfAbsent(parts.get(i).name(), i);
            if (first != null) {
                return "parts[" + i + "].name: \"" + parts.get(i).name() + "\" twice (expected: unique part names;"
                        + " also parts[" + first + "])";
            }
        }
        List<String> params = pathParameters(path);
        for (int i = 0; i < parts.size(); i++) {
            CompositePart part = parts.get(i);
            for (PartTemplate.Reference r : part.request().references()) {
                boolean ok = switch (r.source()) {
                    case PATH -> params.contains(r.name());
                    case PART -> index.containsKey(r.name()) && !r.name().equals(part.name());
                    case QUERY, HEADER -> true;
                };
                if (!ok) {
                    return "parts[" + i + "].request: {" + r.text() + "} (expected: "
                            + (r.source() == PartTemplate.Source.PATH ? "a parameter of the path " + path
                            + ", or {query.name}, {header.Name}, {part.field}" : "the name of another part") + ")";
                }
            }
        }
        List<String> cycle = cycle(parts);
        return cycle.isEmpty() ? null : "parts: " + String.join(" -> ", cycle)
                + " (expected: parts that do not wait for each other in a cycle)";
    }

    /** One cycle of dependencies as part names (first name repeated at the end), or empty. */
    private static List<String> cycle(List<CompositePart> parts) {
        Map<String, CompositePart> byName = new HashMap<>();
        parts.forEach(p -> byName.put(p.name(), p));
        Map<String, Integer> state = new HashMap<>(); // 1: on the current path, 2: done
        for (CompositePart p : parts) {
            List<String> path = new ArrayList<>();
            if (visit(p.name(), byName, state, path)) {
                return path;
            }
        }
        return List.of();
    }

    private static boolean visit(String name, Map<String, CompositePart> byName, Map<String, Integer> state,
                                 List<String> path) {
        Integer s = state.get(name);
        if (s != null && s == 2) {
            return false;
        }
        if (s != null) {
            path.subList(0, path.indexOf(name)).clear();
            path.add(name);
            return true;
        }
        state.put(name, 1);
        path.add(name);
        for (String next : dependencies(byName.get(name))) {
            if (byName.containsKey(next) && visit(next, byName, state, path)) {
                return true;
            }
        }
        path.remove(path.size() - 1);
        state.put(name, 2);
        return false;
    }

    static void requirePositive(String field, Duration d) {
        Objects.requireNonNull(d, field);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(field + ": " + d.toMillis() + "ms (expected: > 0)");
        }
    }
}
