package dev.turnpike.gateway.admin;

import dev.turnpike.registry.model.Catalog;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;

/**
 * The CRUD endpoints of one collection: list ({@code GET /things}), create ({@code POST /things}; 409 if the id
 * exists), read ({@code GET /things/{id}} with an {@code ETag}), create or replace ({@code PUT /things/{id}}; the body's
 * id must be the path's) and delete ({@code DELETE /things/{id}}), the last two honouring {@code If-Match}.
 *
 * @param <T> the entity
 */
final class EntityResource<T> {
    /** Largest entity body, but for APIs (which embed their OpenAPI document; see {@code AdminApi}). */
    static final long BODY_LIMIT = 2L * 1024 * 1024;

    private final EntityKind<T> kind;
    private final CatalogWrites writes;
    private final long bodyLimit;
    private final Listing<T> listing;

    EntityResource(EntityKind<T> kind, CatalogWrites writes) {
        this(kind, writes, BODY_LIMIT);
    }

    EntityResource(EntityKind<T> kind, CatalogWrites writes, long bodyLimit) {
        this.kind = kind;
        this.writes = writes;
        this.bodyLimit = bodyLimit;
        this.listing = kind.listing();
    }

    void register(AdminRouter router) {
        String one = kind.collection() + "/{id}";
        router.add("GET", kind.collection(), 0, this::list)
                .add("POST", kind.collection(), bodyLimit, this::create)
                .add("GET", one, 0, this::get)
                .add("PUT", one, bodyLimit, this::put)
                .add("DELETE", one, 0, this::delete);
    }

    private AdminResponse list(AdminRequest request) {
        Catalog catalog = writes.current();
        return listing.page(request, kind.all(catalog), e -> kind.write(catalog, e));
    }

    private AdminResponse get(AdminRequest request) {
        Catalog catalog = writes.current();
        T entity = existing(catalog, request.param("id"));
        return AdminResponse.entity(HttpResponseStatus.OK, kind.write(catalog, entity));
    }

    private AdminResponse create(AdminRequest request) {
        T entity = kind.read(request);
        String id = kind.id(entity);
        Catalog after = writes.write(request.actor(), catalog -> {
            if (kind.find(catalog, id) != null) {
                throw AdminProblem.conflict("A " + kind.name() + " \"" + id + "\" exists already (expected: a new"
                        + " id; PUT " + kind.collection() + "/" + id + " replaces it)");
            }
            return kind.put(catalog, entity);
        });
        return written(after, id, HttpResponseStatus.CREATED);
    }

    private AdminResponse put(AdminRequest request) {
        String id = request.param("id");
        T entity = kind.read(request.withBodyDefault("id", id)); // the id may be in the path only
        EntityBodies.requireSameId("id", kind.id(entity), id);
        boolean[] created = new boolean[1];
        Catalog after = writes.write(request.actor(), catalog -> {
            T current = kind.find(catalog, id);
            EntityTags.check(request.ifMatch(), current == null ? null : kind.write(catalog, current));
            created[0] = current == null;
            if (current != null && kind.write(catalog, current).equals(kind.write(catalog, entity))) {
                return java.util.List.of(); // unchanged: no new catalog version
            }
            return kind.put(catalog, entity);
        });
        return written(after, id, created[0] ? HttpResponseStatus.CREATED : HttpResponseStatus.OK);
    }

    private AdminResponse delete(AdminRequest request) {
        String id = request.param("id");
        writes.write(request.actor(), catalog -> {
            T current = existing(catalog, id);
            EntityTags.check(request.ifMatch(), kind.write(catalog, current));
            return kind.delete(catalog, id);
        });
        return AdminResponse.noContent();
    }

    private T existing(Catalog catalog, String id) {
        T entity = kind.find(catalog, id);
        if (entity == null) {
            throw AdminProblem.notFound(kind.name(), id);
        }
        return entity;
    }

    private AdminResponse written(Catalog after, String id, HttpResponseStatus status) {
        Map<String, Object> representation = kind.write(after, existing(after, id));
        AdminResponse response = AdminResponse.entity(status, representation);
        return status == HttpResponseStatus.CREATED
                ? response.withHeader("Location", AdminApi.PREFIX + kind.collection() + "/" + id) : response;
    }
}
