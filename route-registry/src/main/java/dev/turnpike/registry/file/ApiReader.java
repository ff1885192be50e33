package dev.turnpike.registry.file;

import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiPolicies;
import dev.turnpike.registry.model.ApiSpec;
import dev.turnpike.registry.model.Criticality;
import dev.turnpike.registry.model.Lifecycle;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.Slug;
import dev.turnpike.registry.model.Target;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Function;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the {@code apis:} list of one catalog file. */
final class ApiReader {
    static final List<String> API_FIELDS = List.of("id", "name", "version", "owner", "description", "host",
            "basePath", "upstreamBasePath", "lifecycle", "sunset", "successor", "criticality", "policies", "spec",
            "targets", "routes");
    static final List<String> TARGET_FIELDS = List.of("pool", "weight");
    static final List<String> ROUTE_FIELDS = List.of("method", "path");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");

    /** A valid API with the fields of its mapping and of each target, for the cross-reference checks. */
    record Placed(Api api, YamlFields fields, List<YamlFields> targets) {
    }

    private final String source;
    private final ViolationCollector violations;
    private final Path baseDir;
    private final Function<String, ApiSpec> specs;

    /**
     * @param baseDir the catalog file's directory, against which spec files resolve; {@code null} for none
     * @param specs   the spec of a document ({@link ApiSpec#parse}, or one that knows documents parsed before)
     */
    ApiReader(String source, ViolationCollector violations, Path baseDir, Function<String, ApiSpec> specs) {
        this.source = source;
        this.violations = violations;
        this.baseDir = baseDir;
        this.specs = specs;
    }

    /**
     * The valid APIs; the others have been reported. The ids of all APIs whose id itself is valid, including
     * those with other problems, are added to {@code declaredIds}, so references to them (successors,
     * subscriptions) are not also reported as references to a missing API.
     */
    List<Placed> read(List<YamlNode> items, java.util.Set<String> declaredIds) {
        List<Placed> apis = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            YamlFields f = YamlFields.of(items.get(i), "apis[" + i + "]", source, violations, API_FIELDS);
            if (f != null && f.has("id")) {
                YamlNode id = f.node("id");
                if (id.kind() == YamlNode.Kind.SCALAR && Slug.isValid(id.text())) {
                    declaredIds.add(id.text());
                }
            }
            Placed api = f == null ? null : readApi(f);
            if (api != null) {
                apis.add(api);
            }
        }
        return apis;
    }

    /** One API at {@code path}, or {@code null} if it has problems (reported). */
    Placed readOne(YamlNode node, String path) {
        YamlFields f = YamlFields.of(node, path, source, violations, API_FIELDS);
        return f == null ? null : readApi(f);
    }

    private Placed readApi(YamlFields f) {
        int before = violations.size();
        String id = f.requiredText("id", "an API id");
        if (id != null) {
            f.check(() -> Slug.require("id", id));
        }
        String name = f.text("name", id);
        String version = f.text("version", "");
        String owner = f.requiredText("owner", "the owning team's id");
        if (owner != null) {
            f.check(() -> Slug.require("owner", owner));
        }
        String description = f.text("description", "");
        String host = f.text("host", null);
        if (host != null && !HOST.matcher(host).matches()) {
            f.report("host", "\"" + host + "\" (expected: a host name or IPv4 address without port)");
        }
        String basePath = f.requiredText("basePath", "the public path prefix such as /products/v1");
        if (basePath != null) {
            f.check(() -> Api.requireBasePath("basePath", basePath));
        }
        String upstreamBasePath = f.text("upstreamBasePath", "/");
        if (upstreamBasePath != null) {
            f.check(() -> Api.requireBasePath("upstreamBasePath", upstreamBasePath));
        }
        Lifecycle lifecycle = f.parsed("lifecycle", Lifecycle.ACTIVE, ApiReader::lifecycle);
        LocalDate sunset = f.parsed("sunset", null, ApiReader::date);
        String successor = f.text("successor", null);
        if (successor != null) {
            f.check(() -> Slug.require("successor", successor));
        }
        Criticality criticality = f.parsed("criticality", Criticality.STANDARD, ApiReader::criticality);
        ApiPolicies policies = PolicyReader.read(f);
        Optional<ApiSpec> spec = SpecReader.read(f, baseDir, specs);
        if (f.has("spec") && f.has("routes")) {
            f.report("routes", "given together with spec (expected: either spec, whose paths become the routes,"
                    + " or routes)");
        }
        List<YamlFields> targetFields = new ArrayList<>();
        List<Target> targets = targets(f, targetFields);
        List<Route> routes = routes(f);
        if (violations.size() > before) {
            return null;
        }
        try {
            Api api = new Api(id, name, version, owner, description, Optional.ofNullable(host), basePath,
                    upstreamBasePath, lifecycle, Optional.ofNullable(sunset), Optional.ofNullable(successor),
                    criticality, policies, spec, targets, routes);
            return new Placed(api, f, targetFields);
        } catch (IllegalArgumentException e) {
            f.report(e);
            return null;
        }
    }

    private List<Target> targets(YamlFields api, List<YamlFields> placed) {
        List<YamlNode> items = api.list("targets", true);
        if (items == null) {
            return null;
        }
        if (items.isEmpty()) {
            api.report("targets", "[] (expected: at least one {pool, weight} with weight > 0)");
            return null;
        }
        List<Target> targets = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            YamlFields f = YamlFields.of(items.get(i), api.path("targets") + "[" + i + "]", source, violations,
                    TARGET_FIELDS);
            if (f == null) {
                targets.add(null);
                continue;
            }
            placed.add(f);
            int before = violations.size();
            String pool = f.requiredText("pool", "the id of a pool");
            Integer weight = f.integer("weight", 1);
            Integer first = pool == null ? null : seen.putIfAbsent(pool, i);
            if (first != null) {
                f.report("pool", "\"" + pool + "\" twice (expected: each pool once; also in targets[" + first + "])");
            }
            Target target = null;
            if (violations.size() == before) {
                try {
                    target = new Target(pool, weight);
                } catch (IllegalArgumentException e) {
                    f.report(e);
                }
            }
            targets.add(target);
        }
        return targets.contains(null) ? null : targets;
    }

    private List<Route> routes(YamlFields api) {
        if (!api.has("routes")) {
            return List.of();
        }
        List<YamlNode> items = api.list("routes", false);
        if (items == null) {
            return null;
        }
        List<Route> routes = new ArrayList<>();
        Map<Route, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            YamlFields f = YamlFields.of(items.get(i), api.path("routes") + "[" + i + "]", source, violations,
                    ROUTE_FIELDS);
            Route route = null;
            if (f != null) {
                int before = violations.size();
                String method = f.requiredText("method", "an HTTP method or *");
                String path = f.requiredText("path", "a path template such as /items/{id}");
                if (violations.size() == before) {
                    try {
                        route = new Route(method, path);
                        Integer first = seen.putIfAbsent(route, i);
                        if (first != null) {
                            f.report(null, method + " " + path
                                    + " twice (expected: each method and path once; also routes[" + first + "])");
                            route = null;
                        }
                    } catch (IllegalArgumentException e) {
                        f.report(e);
                    }
                }
            }
            routes.add(route);
        }
        return routes.contains(null) ? null : routes;
    }

    /** An ISO date such as {@code 2027-06-30}. */
    static LocalDate date(String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + text + "\" (expected: a date such as 2027-06-30)", e);
        }
    }

    /** {@code CRITICAL} or {@code STANDARD}, in any case. */
    static Criticality criticality(String text) {
        try {
            return Criticality.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + text + "\" (expected: CRITICAL or STANDARD)", e);
        }
    }

    /** {@code ACTIVE}, {@code DEPRECATED} or {@code RETIRED}, in any case. */
    static Lifecycle lifecycle(String text) {
        try {
            return Lifecycle.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + text + "\" (expected: ACTIVE, DEPRECATED or RETIRED)", e);
        }
    }
}
