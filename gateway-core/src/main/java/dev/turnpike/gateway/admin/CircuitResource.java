package dev.turnpike.gateway.admin;

import dev.turnpike.gateway.routing.RoutingState;
import dev.turnpike.registry.model.Api;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code GET /apis/{id}/circuits}: the state of the API's circuit breaker towards each pool it called since its
 * {@code circuitBreaker} policy was set ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}, ...), as this node sees
 * them (breakers are per node). Empty when the API has no such policy or made no call yet.
 */
final class CircuitResource {
    private final RoutingState routing;
    private final Function<String, Map<String, String>> states;

    CircuitResource(RoutingState routing, Function<String, Map<String, String>> states) {
        this.routing = routing;
        this.states = states;
    }

    void register(AdminRouter router) {
        router.add("GET", "/apis/{id}/circuits", 0, this::get);
    }

    private AdminResponse get(AdminRequest request) {
        String id = request.param("id");
        Api api = routing.current().catalog().api(id);
        if (api == null) {
            throw AdminProblem.notFound("api", id);
        }
        List<Map<String, Object>> circuits = new ArrayList<>();
        states.apply(id).forEach((pool, state) -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("pool", pool);
            c.put("state", state);
            circuits.add(c);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("api", id);
        body.put("policy", api.policies().circuitBreaker().isPresent());
        body.put("circuits", circuits);
        return AdminResponse.json(HttpResponseStatus.OK, body);
    }
}
