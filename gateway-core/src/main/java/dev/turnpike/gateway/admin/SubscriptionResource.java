package dev.turnpike.gateway.admin;

import dev.turnpike.registry.file.CatalogEntities;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Consumer;
import dev.turnpike.registry.model.Subscription;
import dev.turnpike.registry.store.CatalogChange;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;

/**
 * A consumer's subscriptions one by one: {@code GET /consumers/{id}/subscriptions} (list, searchable by API id),
 * {@code GET}, {@code PUT} (create or replace; {@code If-Match}) and {@code DELETE} of
 * {@code /consumers/{id}/subscriptions/{apiId}}. The representation is the subscription's item in the catalog file
 * ({@code {api, plan, direct}}), whose {@code api} must be the path's.
 */
final class SubscriptionResource {
    private static final String ONE = "/consumers/{id}/subscriptions/{apiId}";

    private final CatalogWrites writes;
    private final Listing<Subscription> listing = new Listing<Subscription>(s -> List.of(s.api()))
            .filter("direct", (s, v) -> Boolean.toString(s.direct()).equalsIgnoreCase(v.trim()));

    SubscriptionResource(CatalogWrites writes) {
        this.writes = writes;
    }

    void register(AdminRouter router) {
        router.add("GET", "/consumers/{id}/subscriptions", 0, this::list)
                .add("GET", ONE, 0, this::get)
                .add("PUT", ONE, EntityResource.BODY_LIMIT, this::put)
                .add("DELETE", ONE, 0, this::delete);
    }

    private AdminResponse list(AdminRequest request) {
        Catalog catalog = writes.current();
        String consumer = consumer(catalog, request.param("id")).id();
        return listing.page(request, of(catalog, consumer), CatalogEntities::write);
    }

    private AdminResponse get(AdminRequest request) {
        Catalog catalog = writes.current();
        return AdminResponse.entity(HttpResponseStatus.OK, CatalogEntities.write(
                existing(catalog, request.param("id"), request.param("apiId"))));
    }

    private AdminResponse put(AdminRequest request) {
        String consumer = request.param("id");
        String api = request.param("apiId");
        Subscription subscription = EntityBodies.read(request,
                (text, format) -> CatalogEntities.readSubscription(consumer, text, format));
        EntityBodies.requireSameId("api", subscription.api(), api);
        boolean[] created = new boolean[1];
        Catalog after = writes.write(request.actor(), catalog -> {
            consumer(catalog, consumer);
            Subscription current = catalog.subscription(consumer, api);
            EntityTags.check(request.ifMatch(), current == null ? null : CatalogEntities.write(current));
            References.checkPut(catalog, subscription, "/api");
            created[0] = current == null;
            return subscription.equals(current) ? List.of() : List.of(new CatalogChange.PutSubscription(subscription));
        });
        AdminResponse response = AdminResponse.entity(created[0] ? HttpResponseStatus.CREATED : HttpResponseStatus.OK,
                CatalogEntities.write(existing(after, consumer, api)));
        return created[0] ? response.withHeader("Location", AdminApi.PREFIX + "/consumers/" + consumer
                + "/subscriptions/" + api) : response;
    }

    private AdminResponse delete(AdminRequest request) {
        String consumer = request.param("id");
        String api = request.param("apiId");
        writes.write(request.actor(), catalog -> {
            Subscription current = existing(catalog, consumer, api);
            EntityTags.check(request.ifMatch(), CatalogEntities.write(current));
            return List.of(new CatalogChange.DeleteSubscription(consumer, api));
        });
        return AdminResponse.noContent();
    }

    private static List<Subscription> of(Catalog catalog, String consumer) {
        return catalog.subscriptions().stream().filter(s -> s.consumer().equals(consumer)).toList();
    }

    private static Subscription existing(Catalog catalog, String consumer, String api) {
        consumer(catalog, consumer);
        Subscription s = catalog.subscription(consumer, api);
        if (s == null) {
            throw AdminProblem.notFound("subscription", consumer + "/" + api);
        }
        return s;
    }

    static Consumer consumer(Catalog catalog, String id) {
        Consumer consumer = catalog.consumer(id);
        if (consumer == null) {
            throw AdminProblem.notFound("consumer", id);
        }
        return consumer;
    }
}
