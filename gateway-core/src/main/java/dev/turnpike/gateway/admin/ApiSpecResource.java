package dev.turnpike.gateway.admin;

import dev.turnpike.gateway.problem.Problem.FieldError;
import dev.turnpike.gateway.problem.ProblemType;
import dev.turnpike.registry.file.CatalogEntities;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiSpec;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.InvalidSpecException;
import dev.turnpike.registry.model.Operation;
import dev.turnpike.registry.store.CatalogChange;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An API's OpenAPI document ({@code GET}/{@code PUT /apis/{id}/spec}, JSON or YAML as uploaded) and its operations
 * as the catalog understands them ({@code GET /apis/{id}/operations}). Uploading a document replaces the API's
 * routes with the document's operations; {@code If-Match} takes the API's {@code ETag}. What the parser said about a
 * document it could read is answered as {@code warnings} (on the upload and with the operations).
 */
final class ApiSpecResource {
    private final CatalogWrites writes;
    private final long maxSpecSize;

    ApiSpecResource(CatalogWrites writes, long maxSpecSize) {
        this.writes = writes;
        this.maxSpecSize = maxSpecSize;
    }

    /** The warnings of every API of {@code catalog} whose document has some, as {@code {api, pointer, message}}. */
    static List<Map<String, Object>> warnings(Catalog catalog) {
        List<Map<String, Object>> all = new java.util.ArrayList<>();
        for (int i = 0; i < catalog.apis().size(); i++) {
            Api api = catalog.apis().get(i);
            String pointer = "/apis/" + i + "/spec";
            api.spec().ifPresent(s -> s.warnings().forEach(w -> all.add(Map.of("api", api.id(), "pointer", pointer,
                    "message", w))));
        }
        return all;
    }

    void register(AdminRouter router) {
        router.add("GET", "/apis/{id}/spec", 0, this::getSpec)
                .add("PUT", "/apis/{id}/spec", maxSpecSize, this::putSpec)
                .add("GET", "/apis/{id}/operations", 0, this::operations);
    }

    private AdminResponse getSpec(AdminRequest request) {
        Api api = api(writes.current(), request.param("id"));
        ApiSpec spec = api.spec().orElseThrow(() -> new AdminProblem(ProblemType.NOT_FOUND, "API \"" + api.id()
                + "\" has no OpenAPI document (expected: upload one with PUT /admin/v1/apis/" + api.id() + "/spec)"));
        String type = spec.document().stripLeading().startsWith("{") ? "application/json" : "application/yaml";
        return AdminResponse.text(type, spec.document(), Map.of("ETag",
                EntityTags.of(CatalogEntities.write(api))));
    }

    private AdminResponse putSpec(AdminRequest request) {
        request.format(); // 415 unless JSON or YAML
        String document = request.text();
        if (document.isBlank()) {
            throw AdminProblem.invalidField("", "empty body (expected: an OpenAPI document, JSON or YAML)");
        }
        ApiSpec spec;
        try {
            spec = ApiSpec.parse(document, maxSpecSize);
        } catch (InvalidSpecException e) {
            List<FieldError> errors = e.problems().stream().map(p -> FieldError.at("", p)).toList();
            throw AdminProblem.invalid("The OpenAPI document is invalid: " + errors.size() + " problem"
                    + (errors.size() == 1 ? "" : "s") + " (see errors)", errors);
        } catch (IllegalArgumentException e) {
            throw AdminProblem.invalidField("", e.getMessage());
        }
        String id = request.param("id");
        Catalog after = writes.write(request.actor(), catalog -> {
            Api current = api(catalog, id);
            EntityTags.check(request.ifMatch(), CatalogEntities.write(current));
            Api changed;
            try {
                changed = current.toBuilder().spec(spec).routes(List.of()).build();
            } catch (IllegalArgumentException e) {
                throw AdminProblem.invalidField("", e.getMessage());
            }
            return changed.equals(current) ? List.of() : List.of(new CatalogChange.PutApi(changed));
        });
        Map<String, Object> entity = CatalogEntities.write(api(after, id));
        Map<String, Object> body = new LinkedHashMap<>(entity);
        body.put("warnings", spec.warnings()); // not part of the entity: its ETag is the entity's
        return new AdminResponse(HttpResponseStatus.OK, AdminResponse.JSON_TYPE, AdminResponse.toJson(body),
                Map.of("ETag", EntityTags.of(entity)));
    }

    private AdminResponse operations(AdminRequest request) {
        Api api = api(writes.current(), request.param("id"));
        List<Map<String, Object>> items = api.operations().stream().map(ApiSpecResource::operation).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("api", api.id());
        body.put("basePath", api.basePath());
        body.put("fromSpec", api.spec().isPresent());
        body.put("warnings", api.spec().map(ApiSpec::warnings).orElse(List.of()));
        body.put("items", items);
        body.put("total", items.size());
        return AdminResponse.json(HttpResponseStatus.OK, body);
    }

    private static Map<String, Object> operation(Operation o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", o.method());
        m.put("path", o.path());
        o.operationId().ifPresent(id -> m.put("operationId", id));
        m.put("summary", o.summary());
        m.put("deprecated", o.deprecated());
        m.put("parameters", o.parameters().stream().map(p -> {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("name", p.name());
            pm.put("in", p.in());
            pm.put("required", p.required());
            pm.put("type", p.type());
            return pm;
        }).toList());
        m.put("responses", o.responses().stream().map(r -> {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("status", r.status());
            rm.put("description", r.description());
            return rm;
        }).toList());
        return m;
    }

    private static Api api(Catalog catalog, String id) {
        Api api = catalog.api(id);
        if (api == null) {
            throw AdminProblem.notFound("api", id);
        }
        return api;
    }
}
