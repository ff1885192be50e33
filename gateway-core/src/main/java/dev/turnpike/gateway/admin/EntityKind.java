package dev.turnpike.gateway.admin;

import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.store.CatalogChange;
import java.util.List;
import java.util.Map;

/**
 * What the admin API needs to know about one kind of catalog entity to serve its collection: where it lives, how it
 * is read and written, and which changes a put or a delete makes (after checking references).
 *
 * @param <T> the entity as the admin API handles it
 */
interface EntityKind<T> {
    /** Singular name in messages: {@code team}, {@code api}, {@code pool}, {@code consumer}. */
    String name();

    /** The collection's path below {@code /admin/v1}: {@code /teams}. */
    String collection();

    /** Every entity of this kind in {@code catalog}, in catalog order. */
    List<T> all(Catalog catalog);

    /** The entity's id. */
    String id(T entity);

    /** Its representation: exactly its item in the catalog file. */
    Map<String, Object> write(Catalog catalog, T entity);

    /** The entity in the request body (400 with every invalid field). */
    T read(AdminRequest request);

    /** The changes that create or replace {@code entity} in {@code catalog}, after checking its references. */
    List<CatalogChange> put(Catalog catalog, T entity);

    /** The changes that delete entity {@code id} (which exists) from {@code catalog}, 409 if still referenced. */
    List<CatalogChange> delete(Catalog catalog, String id);

    /** Search and filters of the list endpoint; called once per resource, so the listing may keep a search index. */
    Listing<T> listing();

    /** The entity with this id, or {@code null}; kinds the catalog indexes look it up there. */
    default T find(Catalog catalog, String id) {
        for (T entity : all(catalog)) {
            if (id(entity).equals(id)) {
                return entity;
            }
        }
        return null;
    }
}
