package dev.turnpike.gateway.admin;

import dev.turnpike.gateway.problem.Problem.FieldError;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Composite;
import dev.turnpike.registry.model.Consumer;
import dev.turnpike.registry.model.Subscription;
import dev.turnpike.registry.model.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks of a write that need the rest of the catalog, with answers that name the field or the referencing
 * entities: a put naming a missing team or pool is a 400 at that field; a base path another API serves is a 409;
 * deleting something still referenced is a 409 naming what references it.
 */
final class References {
    private References() {
    }

    /** Owner team (once teams exist), target pools and successor must exist; the base path must be free. */
    static void checkPut(Catalog catalog, Api api) {
        List<FieldError> errors = new ArrayList<>();
        if (!catalog.teams().isEmpty() && catalog.team(api.owner()) == null) {
            errors.add(FieldError.at("/owner", "\"" + api.owner() + "\" (expected: the id of a team in the catalog)"));
        }
        for (int i = 0; i < api.targets().size(); i++) {
            Target t = api.targets().get(i);
            if (catalog.pool(t.pool()) == null) {
                errors.add(FieldError.at("/targets/" + i + "/pool", "\"" + t.pool()
                        + "\" (expected: the id of a pool in the catalog)"));
            }
        }
        api.successor().filter(s -> catalog.api(s) == null).ifPresent(s -> errors.add(FieldError.at("/successor",
                "\"" + s + "\" (expected: the id of an API in the catalog)")));
        if (!errors.isEmpty()) {
            throw AdminProblem.invalid("The API references what the catalog does not have (see errors)", errors);
        }
        Api other = catalog.mountedAt(api.host(), api.basePath());
        if (other != null && !other.id().equals(api.id())) {
            throw AdminProblem.conflict("basePath: \"" + api.basePath() + "\" on host "
                    + api.host().orElse("(any)") + " is served by API \"" + other.id()
                    + "\" (expected: a base path no other API uses on that host)");
        }
    }

    /** The owner team (once teams exist) and every part's API must exist. */
    static void checkPut(Catalog catalog, Composite composite) {
        List<FieldError> errors = new ArrayList<>();
        if (!catalog.teams().isEmpty() && catalog.team(composite.owner()) == null) {
            errors.add(FieldError.at("/owner", "\"" + composite.owner()
                    + "\" (expected: the id of a team in the catalog)"));
        }
        for (int i = 0; i < composite.parts().size(); i++) {
            String api = composite.parts().get(i).api();
            if (catalog.api(api) == null) {
                errors.add(FieldError.at("/parts/" + i + "/api", "\"" + api
                        + "\" (expected: the id of an API in the catalog)"));
            }
        }
        if (!errors.isEmpty()) {
            throw AdminProblem.invalid("The composite references what the catalog does not have (see errors)",
                    errors);
        }
    }

    /** The consumer's team must exist once teams exist. */
    static void checkPut(Catalog catalog, Consumer consumer) {
        if (!catalog.teams().isEmpty() && catalog.team(consumer.team()) == null) {
            throw AdminProblem.invalidField("/team", "\"" + consumer.team()
                    + "\" (expected: the id of a team in the catalog)");
        }
    }

    /** The subscribed API must exist; {@code pointer} is where the API id is in the body. */
    static void checkPut(Catalog catalog, Subscription subscription, String pointer) {
        if (catalog.api(subscription.api()) == null) {
            throw AdminProblem.invalidField(pointer, "\"" + subscription.api()
                    + "\" (expected: the id of an API in the catalog)");
        }
    }

    /** A team that owns APIs or composites, or has consumers, stays. */
    static void checkDeleteTeam(Catalog catalog, String id) {
        List<String> apis = catalog.ownedBy(id).stream().map(Api::id).toList();
        List<String> consumers = catalog.consumers().stream().filter(c -> c.team().equals(id)).map(Consumer::id)
                .toList();
        List<String> composites = catalog.composites().stream().filter(k -> k.owner().equals(id))
                .map(Composite::id).toList();
        if (!apis.isEmpty() || !consumers.isEmpty() || !composites.isEmpty()) {
            throw AdminProblem.conflict("Team \"" + id + "\" is still referenced: it owns APIs " + apis
                    + (composites.isEmpty() ? "" : " and composites " + composites)
                    + " and has consumers " + consumers + " (expected: move or delete them first)");
        }
    }

    /** A pool that APIs target stays. */
    static void checkDeletePool(Catalog catalog, String id) {
        List<String> apis = catalog.apis().stream()
                .filter(a -> a.targets().stream().anyMatch(t -> t.pool().equals(id))).map(Api::id).toList();
        if (!apis.isEmpty()) {
            throw AdminProblem.conflict("Pool \"" + id + "\" is still referenced: APIs " + apis
                    + " target it (expected: change their targets first)");
        }
    }

    /** An API with subscriptions, named as another API's successor or called by a composite, stays. */
    static void checkDeleteApi(Catalog catalog, String id) {
        List<String> composites = catalog.compositesCalling(id).stream().map(Composite::id).toList();
        if (!composites.isEmpty()) {
            throw AdminProblem.conflict("API \"" + id + "\" is still referenced: composites " + composites
                    + " call it (expected: change or delete those composites first)");
        }
        List<String> consumers = catalog.subscriptions().stream().filter(s -> s.api().equals(id))
                .map(Subscription::consumer).toList();
        List<String> predecessors = catalog.apis().stream()
                .filter(a -> a.successor().filter(id::equals).isPresent()).map(Api::id).toList();
        if (!consumers.isEmpty() || !predecessors.isEmpty()) {
            throw AdminProblem.conflict("API \"" + id + "\" is still referenced: consumers " + consumers
                    + " subscribe to it and APIs " + predecessors + " name it as successor (expected: delete those"
                    + " subscriptions and successor references first)");
        }
    }
}
