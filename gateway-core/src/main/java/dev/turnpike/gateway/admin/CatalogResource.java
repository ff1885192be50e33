package dev.turnpike.gateway.admin;

import dev.turnpike.gateway.problem.Problem.FieldError;
import dev.turnpike.registry.file.CatalogFile;
import dev.turnpike.registry.file.CatalogFileException;
import dev.turnpike.registry.file.FieldChanges;
import dev.turnpike.registry.model.ApiSpec;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.store.CatalogChange;
import dev.turnpike.registry.store.CatalogDiff;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The whole catalog as one catalog file: {@code GET /catalog} exports it, {@code POST /catalog?prune=&dryRun=}
 * makes the catalog equal to a posted file ({@code turnpike apply/diff/export}). A post is one store transaction:
 * all of its changes or none. Entities equal in both are left alone, so posting the same file twice changes
 * nothing the second time (no new version).
 */
final class CatalogResource {
    /**
     * Catalog files of 10,000 APIs with their OpenAPI documents run to tens of megabytes; at least four of the largest
     * documents fit.
     */
    static final long BODY_LIMIT = 64L * 1024 * 1024;

    private final CatalogWrites writes;
    private final long maxSpecSize;

    CatalogResource(CatalogWrites writes, long maxSpecSize) {
        this.writes = writes;
        this.maxSpecSize = maxSpecSize;
    }

    void register(AdminRouter router) {
        router.add("GET", "/catalog", 0, r -> AdminResponse.text("application/yaml; charset=utf-8",
                CatalogFile.write(writes.current()), Map.of()));
        router.add("POST", "/catalog", Math.max(BODY_LIMIT, 4 * maxSpecSize), this::apply);
    }

    private AdminResponse apply(AdminRequest request) {
        for (String name : request.query().keySet()) {
            if (!name.equals("prune") && !name.equals("dryRun")) {
                throw AdminProblem.invalidParameter(name, "unknown parameter (expected one of: prune, dryRun)");
            }
        }
        boolean prune = flag(request, "prune");
        boolean dryRun = flag(request, "dryRun");
        request.format(); // 415 unless JSON or YAML; both parse as YAML
        Catalog desired = parse(new String(request.body(), StandardCharsets.UTF_8));
        AtomicReference<CatalogDiff> diff = new AtomicReference<>();
        long version;
        Catalog before = writes.current();
        if (dryRun) {
            diff.set(CatalogDiff.between(before, desired, prune));
            writes.check(diff.get().changes()); // every rule of the real write: a dry run that passes, applies
            version = writes.currentVersion();
        } else {
            // Planned again on the newer catalog if another writer got there first: the answer lists what was done.
            AtomicReference<Catalog> base = new AtomicReference<>(before);
            writes.write(request.actor(), current -> {
                base.set(current);
                diff.set(CatalogDiff.between(current, desired, prune));
                return diff.get().changes();
            });
            version = writes.currentVersion();
            before = base.get();
        }
        Catalog planned = before;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", version);
        body.put("applied", !dryRun && !diff.get().isEmpty());
        List<Map<String, Object>> changes = new ArrayList<>();
        diff.get().created().forEach(c -> changes.add(change("create", c)));
        diff.get().updated().forEach(c -> {
            Map<String, Object> update = change("update", c);
            update.put("fields", FieldChanges.of(planned, c).stream().map(f -> {
                Map<String, Object> field = new LinkedHashMap<>();
                field.put("path", f.path());
                field.put("from", f.before());
                field.put("to", f.after());
                return field;
            }).toList());
            changes.add(update);
        });
        diff.get().deleted().forEach(c -> changes.add(change("delete", c)));
        body.put("changes", changes);
        body.put("warnings", ApiSpecResource.warnings(desired));
        return AdminResponse.json(HttpResponseStatus.OK, body);
    }

    private Catalog parse(String text) {
        try {
            return CatalogFile.parse(text, "request body", document -> ApiSpec.parse(document, maxSpecSize));
        } catch (CatalogFileException e) {
            List<FieldError> errors = e.violations().stream()
                    .map(v -> FieldError.at(pointer(v.path()), (v.line() > 0 ? "line " + v.line() + ": " : "")
                            + v.message()))
                    .toList();
            throw AdminProblem.invalid("The catalog is invalid: " + errors.size() + " error(s)", errors);
        }
    }

    /** {@code apis[0].policies.timeout} as the JSON pointer {@code /apis/0/policies/timeout}. */
    static String pointer(String path) {
        if (path == null || path.isEmpty()) {
            return "";
        }
        StringBuilder p = new StringBuilder();
        for (String part : path.replace("[", ".").replace("]", "").split("\\.")) {
            if (!part.isEmpty()) {
                p.append('/').append(part.replace("~", "~0").replace("/", "~1"));
            }
        }
        return p.toString();
    }

    private static Map<String, Object> change(String action, CatalogChange c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", action);
        m.put("type", c.entityType());
        m.put("id", c.entityId());
        return m;
    }

    private static boolean flag(AdminRequest request, String name) {
        String value = request.queryParam(name);
        if (value == null) {
            return false;
        }
        return switch (value) {
            case "true", "" -> true;
            case "false" -> false;
            default -> throw AdminProblem.invalidParameter(name, "\"" + value + "\" (expected: true or false)");
        };
    }
}
