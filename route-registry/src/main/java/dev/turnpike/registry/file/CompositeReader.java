package dev.turnpike.registry.file;

import dev.turnpike.registry.model.Composite;
import dev.turnpike.registry.model.CompositePart;
import dev.turnpike.registry.model.Lifecycle;
import dev.turnpike.registry.model.PartRequest;
import dev.turnpike.registry.model.PartTemplate;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.Slug;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code composites:} list of one catalog file. Every reference of every part is checked where it is
 * written (a path parameter the public path lacks, a part that does not exist), and a cycle of parts waiting for each
 * other is reported at {@code parts}; whether each part's API exists is {@link CrossReferences}' check.
 */
final class CompositeReader {
    static final List<String> COMPOSITE_FIELDS = List.of("id", "owner", "description", "lifecycle", "method", "path",
            "timeout", "parts");
    static final List<String> PART_FIELDS = List.of("name", "api", "request", "optional", "timeout");
    static final List<String> REQUEST_FIELDS = List.of("method", "path", "query", "headers");

    /** A valid composite with its mapping and the mappings of its parts (for the cross-reference checks). */
    record Placed(Composite composite, YamlFields fields, List<YamlFields> parts) {
    }

    private final String source;
    private final ViolationCollector violations;

    CompositeReader(String source, ViolationCollector violations) {
        this.source = source;
        this.violations = violations;
    }

    List<Placed> read(List<YamlNode> items) {
        List<Placed> composites = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Placed composite = readOne(items.get(i), "composites[" + i + "]");
            if (composite != null) {
                composites.add(composite);
            }
        }
        return composites;
    }

    /** One composite at {@code path}, or {@code null} if it has problems (reported). */
    Placed readOne(YamlNode node, String path) {
        YamlFields f = YamlFields.of(node, path, source, violations, COMPOSITE_FIELDS);
        if (f == null) {
            return null;
        }
        int before = violations.size();
        String id = f.requiredText("id", "a composite id");
        if (id != null) {
            f.check(() -> Slug.require("id", id));
        }
        String owner = f.requiredText("owner", "the id of the team that owns it");
        if (owner != null) {
            f.check(() -> Slug.require("owner", owner));
        }
        String description = f.text("description", "");
        Lifecycle lifecycle = f.parsed("lifecycle", Lifecycle.ACTIVE, ApiReader::lifecycle);
        String method = f.text("method", "GET");
        String publicPath = f.requiredText("path", "the public path template, such as /pages/products/{id}");
        if (method != null && publicPath != null) {
            f.check(() -> {
                if (method.equals(Route.ANY_METHOD)) {
                    throw new IllegalArgumentException("method: \"*\" (expected: one HTTP method)");
                }
                new Route(method, publicPath);
            });
        }
        Duration timeout = f.has("timeout") ? f.duration("timeout", null) : missing(f, "timeout",
                "the overall deadline, such as 800ms");
        if (timeout != null) {
            f.check(() -> requirePositive("timeout", timeout));
        }
        List<YamlNode> items = f.list("parts", true);
        List<CompositePart> parts = new ArrayList<>();
        List<YamlFields> placedParts = new ArrayList<>();
        if (items != null) {
            if (items.isEmpty() || items.size() > Composite.MAX_PARTS) {
                f.report("parts", items.size() + " parts (expected: 1.." + Composite.MAX_PARTS + ")");
            }
            Map<String, Integer> names = names(items);
            for (int i = 0; i < items.size(); i++) {
                YamlFields pf = YamlFields.of(items.get(i), f.path("parts") + "[" + i + "]", source, violations,
                        PART_FIELDS);
                CompositePart part = pf == null ? null : part(pf, i, names, publicPath);
                if (part != null) {
                    parts.add(part);
                    placedParts.add(pf);
                }
            }
        }
        if (violations.size() > before) {
            return null;
        }
        String problem = Composite.referenceProblem(publicPath, parts); // what is left: a cycle
        if (problem != null) {
            f.report(problem.startsWith("parts: ") ? "parts" : null,
                    problem.startsWith("parts: ") ? problem.substring(7) : problem);
            return null;
        }
        try {
            return new Placed(new Composite(id, owner, description, lifecycle, method, publicPath, timeout, parts),
                    f, placedParts);
        } catch (IllegalArgumentException e) {
            f.report(e);
            return null;
        }
    }

    /** Each part's name (where it is a scalar) by index: what references may name. */
    private static Map<String, Integer> names(List<YamlNode> items) {
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            YamlNode name = items.get(i).fields().get("name");
            if (name != null && name.kind() == YamlNode.Kind.SCALAR && name.text() != null) {
                names.putIfAbsent(name.text(), i);
            }
        }
        return names;
    }

    private CompositePart part(YamlFields f, int index, Map<String, Integer> names, String publicPath) {
        int before = violations.size();
        String name = f.requiredText("name", "the member of the answer this part's result goes under");
        if (name != null && f.check(() -> new CompositePart(name, "x", PartRequest.of("GET", "/"), false,
                Optional.empty())) && !Integer.valueOf(index).equals(names.get(name))) {
            f.report("name", "\"" + name + "\" twice (expected: unique part names; also parts[" + names.get(name)
                    + "])");
        }
        String api = f.requiredText("api", "the id of an API of the catalog");
        if (api != null) {
            f.check(() -> Slug.require("api", api));
        }
        Boolean optional = f.bool("optional", false);
        Duration timeout = f.duration("timeout", null);
        if (timeout != null) {
            f.check(() -> requirePositive("timeout", timeout));
        }
        YamlFields r = f.mapping("request", REQUEST_FIELDS);
        if (r == null && !f.has("request")) {
            f.report(null, "missing field request (expected: {method, path, query, headers})");
        }
        PartRequest request = r == null ? null : request(r, name, names, publicPath);
        if (violations.size() > before || request == null) {
            return null;
        }
        return new CompositePart(name, api, request, optional, Optional.ofNullable(timeout));
    }

    private PartRequest request(YamlFields r, String self, Map<String, Integer> names, String publicPath) {
        int before = violations.size();
        String method = r.text("method", "GET");
        String pathText = r.requiredText("path", "a path relative to the API's base path, such as /items/{id}");
        PartTemplate path = pathText == null ? null : template(r, "path", pathText, self, names, publicPath);
        Map<String, PartTemplate> query = templates(r, "query", self, names, publicPath);
        Map<String, PartTemplate> headers = templates(r, "headers", self, names, publicPath);
        if (violations.size() > before || path == null) {
            return null;
        }
        try {
            return new PartRequest(method, path, query, headers);
        } catch (IllegalArgumentException e) {
            r.report(e);
            return null;
        }
    }

    /** The name -> template mapping under {@code field} (absent: empty), each value checked where it is. */
    private Map<String, PartTemplate> templates(YamlFields r, String field, String self, Map<String, Integer> names,
                                                String publicPath) {
        YamlNode node = r.node(field);
        Map<String, PartTemplate> templates = new LinkedHashMap<>();
        if (node == null) {
            return templates;
        }
        YamlFields m = node.kind() == YamlNode.Kind.MAPPING
                ? YamlFields.of(node, r.path(field), source, violations, List.copyOf(node.fields().keySet()))
                : null;
        if (m == null) {
            r.report(field, node.describe() + " (expected: a mapping of names to text)");
            return templates;
        }
        for (String name : node.fields().keySet()) {
            String text = m.text(name, null);
            PartTemplate t = text == null ? null : template(m, name, text, self, names, publicPath);
            if (t != null) {
                templates.put(name, t);
            }
        }
        return templates;
    }

    /** {@code text} parsed, each reference resolved, else {@code null} with the problem reported at {@code field}. */
    private PartTemplate template(YamlFields f, String field, String text, String self, Map<String, Integer> names,
                                  String publicPath) {
        PartTemplate t;
        try {
            t = PartTemplate.parse(field, text);
        } catch (IllegalArgumentException e) {
            f.report(e);
            return null;
        }
        List<String> params = publicPath == null ? null : Composite.pathParameters(publicPath);
        for (PartTemplate.Reference ref : t.references()) {
            String expected = switch (ref.source()) {
                case PATH -> params == null || params.contains(ref.name()) ? null
                        : "a parameter of the path " + publicPath + " " + params
                        + ", or {query.name}, {header.Name}, {part.field}";
                case PART -> names.containsKey(ref.name()) && !ref.name().equals(self) ? null
                        : "the name of another part of this composite";
                case QUERY, HEADER -> null;
            };
            if (expected != null) {
                f.report(field, "\"" + text + "\": {" + ref.text() + "} (expected: " + expected + ")");
                return null;
            }
        }
        return t;
    }

    private static Duration missing(YamlFields f, String field, String expected) {
        f.report(null, "missing field " + field + " (expected: " + expected + ")");
        return null;
    }

    private static void requirePositive(String field, Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(field + ": " + d.toMillis() + "ms (expected: > 0)");
        }
    }
}
