package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.clients.orders.api.OrdersApi;
import com.example.clients.orders.model.Order;
import com.example.clients.pets.api.DefaultApi;
import com.example.clients.pets.model.Pet;
import dev.turnpike.client.TurnpikeClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The clients generated for the key's subscriptions, against the gateway and upstream setup.groovy started. */
class SubscriptionsThroughTurnpikeTest {
    private static final String GATEWAY = System.getProperty("turnpike.gatewayUrl");
    private static final String KEY = System.getProperty("turnpike.apiKey");

    @Test
    void theDirectSubscriptionIsCalledEndToEnd() throws Exception {
        try (TurnpikeClient turnpike = TurnpikeClient.builder(GATEWAY, KEY).build()) {
            for (int i = 0; i < 100 && !turnpike.hasRouting(); i++) {
                Thread.sleep(100);
            }
            List<Pet> pets = new DefaultApi(com.example.clients.pets.TurnpikeGateway.apiClient(turnpike))
                    .findPets(List.of("dog"), 10);
            assertEquals("Rex", pets.get(0).getName());
        }
    }

    @Test
    void theOtherSubscriptionIsCalledThroughTheGateway() throws Exception {
        try (TurnpikeClient turnpike = TurnpikeClient.builder(GATEWAY, KEY).build()) {
            List<Order> orders = new OrdersApi(com.example.clients.orders.TurnpikeGateway.apiClient(turnpike))
                    .listOrders();
            assertEquals("bone", orders.get(0).getItem());
        }
    }
}
