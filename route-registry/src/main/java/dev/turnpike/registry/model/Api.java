package dev.turnpike.registry.model;

import java.time.LocalDate;
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
 * @param sunset           for a {@link Lifecycle#DEPRECATED} API: the day it is planned to be retired; else empty
 * @param successor        for a {@link Lifecycle#DEPRECATED} API: the id of the API that replaces it (checked by
 *                         {@link Catalog}); else empty
 * @param criticality      {@link Criticality#CRITICAL} APIs get their own bulkhead
 * @param policies         timeout, retry, circuit breaker, body limit and default rate limit
 * @param spec             the OpenAPI document; when present, the routes are its operations
 * @param targets          weighted split across pools, at least one with weight &gt; 0
 * @param routes           the operations: with a spec, empty or exactly the spec's routes (they are taken from it);
 *                         without, as given, and an API without routes gets {@link Route#prefix()}
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
        Optional<LocalDate> sunset,
        Optional<String> successor,
        Criticality criticality,
        ApiPolicies policies,
        Optional<ApiSpec> spec,
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
        Objects.requireNonNull(sunset, "sunset");
        Objects.requireNonNull(successor, "successor");
        if (lifecycle != Lifecycle.DEPRECATED && sunset.isPresent()) {
            throw new IllegalArgumentException("sunset: " + sunset.get() + " (expected: only for a DEPRECATED API)");
        }
        if (lifecycle != Lifecycle.DEPRECATED && successor.isPresent()) {
            throw new IllegalArgumentException("successor: \"" + successor.get()
                    + "\" (expected: only for a DEPRECATED API)");
        }
        successor.ifPresent(s -> Slug.require("successor", s));
        if (successor.isPresent() && successor.get().equals(id)) {
            throw new IllegalArgumentException("successor: \"" + id + "\" (expected: another API than this one)");
        }
        Objects.requireNonNull(criticality, "criticality");
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(spec, "spec");
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
        if (spec.isPresent()) {
            List<Route> derived = spec.get().routes();
            if (!routes.isEmpty() && !routes.equals(derived)) {
                throw new IllegalArgumentException("routes: " + routes.size() + " given with a spec (expected: none;"
                        + " an API with a spec gets its routes from the spec's paths)");
            }
            routes = derived;
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

    /**
     * An API without lifecycle details, policies or spec: {@link Criticality#STANDARD}, {@link ApiPolicies#NONE}.
     * The constructor of the first catalog model, kept for callers that need nothing more.
     */
    public Api(String id, String name, String version, String owner, String description, Optional<String> host,
               String basePath, String upstreamBasePath, Lifecycle lifecycle, List<Target> targets,
               List<Route> routes) {
        this(id, name, version, owner, description, host, basePath, upstreamBasePath, lifecycle, Optional.empty(),
                Optional.empty(), Criticality.STANDARD, ApiPolicies.NONE, Optional.empty(), targets, routes);
    }

    /**
     * A builder for the API {@code id} owned by {@code owner} under {@code basePath}. Defaults: name = id,
     * version and description empty, any host, upstream base path {@code /}, {@link Lifecycle#ACTIVE},
     * {@link Criticality#STANDARD}, {@link ApiPolicies#NONE}, no spec, no routes ({@link Route#prefix()}).
     * Targets must be set.
     */
    public static ApiBuilder builder(String id, String owner, String basePath) {
        return new ApiBuilder(id, owner, basePath);
    }

    /** A builder holding every field of this API. */
    public ApiBuilder toBuilder() {
        return new ApiBuilder(this);
    }

    /**
     * The operations as the catalog understands them: the spec's, with parameters and responses; without a spec,
     * one bare operation (no id, parameters or responses) per route.
     */
    public List<Operation> operations() {
        return spec.map(ApiSpec::operations).orElseGet(() -> routes.stream()
                .map(r -> new Operation(r.method(), r.path(), Optional.empty(), "", false, List.of(), List.of()))
                .toList());
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
