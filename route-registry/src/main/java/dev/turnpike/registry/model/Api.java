package dev.turnpike.registry.model;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One API in the catalog: who owns it, where it is exposed and where its traffic goes.
 *
 * <p>The gateway serves it under {@code basePath} (optionally only for requests to {@code host}) and forwards the
 * rest of the path after {@code upstreamBasePath}: with {@code basePath = /products/v1} and
 * {@code upstreamBasePath = /}, {@code GET /products/v1/items/7} reaches the upstream as {@code GET /items/7}.
 *
 * @param id               slug, unique in the catalog
 * @param name             human name
 * @param version          free text such as {@code v1}
 * @param owner            the owning team's id
 * @param description      free text, may be empty
 * @param host             the Host (without port) this API answers on; empty for any host
 * @param basePath         public prefix, {@code /} followed by literal segments, no trailing slash (or just {@code /})
 * @param upstreamBasePath what replaces {@code basePath} when forwarding; {@code /} strips it
 * @param lifecycle        serving state
 * @param targets          weighted split across pools, at least one with weight &gt; 0
 * @param routes           the operations; an API without declared operations gets {@link Route#prefix()}
 */
public record Api(
        String id,
        String name,
        String version,
        String owner,
        String description,
        Optional<String> host,
        String basePath,
        String upstreamBasePath,
        Lifecycle lifecycle,
        List<Target> targets,
        List<Route> routes) {

    public Api {
        Slug.require("id", id);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Slug.require("owner", owner);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(host, "host");
        host = host.map(h -> h.toLowerCase(java.util.Locale.ROOT));
        requireBasePath("basePath", basePath);
        requireBasePath("upstreamBasePath", upstreamBasePath);
        Objects.requireNonNull(lifecycle, "lifecycle");
        targets = List.copyOf(targets);
        if (targets.stream().noneMatch(t -> t.weight() > 0)) {
            throw new IllegalArgumentException("targets: " + targets + " (expected: at least one pool with weight > 0)");
        }
        Set<String> pools = new HashSet<>();
        for (Target t : targets) {
            if (!pools.add(t.pool())) {
                throw new IllegalArgumentException("targets: pool \"" + t.pool() + "\" twice (expected: each pool once)");
            }
        }
        routes = routes.isEmpty() ? List.of(Route.prefix()) : List.copyOf(routes);
        Set<Route> seen = new HashSet<>();
        for (Route r : routes) {
            if (!seen.add(r)) {
                throw new IllegalArgumentException("routes: " + r.method() + " " + r.path()
                        + " twice (expected: each method and path once)");
            }
        }
    }

    /** Whether {@code path} is a valid base path: {@code /} or literal segments without a trailing slash. */
    public static boolean isValidBasePath(String path) {
        return path != null && (path.equals("/") || path.matches("(/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)+"));
    }

    /**
     * Throws if {@code value} is not a valid base path, with the field name and what was expected.
     *
     * @throws IllegalArgumentException {@code "basePath: \"x/\" (expected: ...)"}
     */
    public static void requireBasePath(String field, String value) {
        if (!isValidBasePath(value)) {
            throw new IllegalArgumentException(field + ": " + (value == null ? "null" : "\"" + value + "\"")
                    + " (expected: / or /segment[/segment...] without a trailing slash)");
        }
    }
}
