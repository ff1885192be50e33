package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.clients.pets.TurnpikeGateway;
import com.example.clients.pets.api.DefaultApi;
import com.example.clients.pets.model.Pet;
import dev.turnpike.client.TurnpikeClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated client, wired by TurnpikeGateway, against the gateway and upstream that setup.groovy started. */
class PetsThroughTurnpikeTest {
    private static final String GATEWAY = System.getProperty("turnpike.gatewayUrl");

    private static List<Pet> pets(String key) throws Exception {
        try (TurnpikeClient turnpike = TurnpikeClient.builder(GATEWAY, key).build()) {
            // A direct consumer's routing arrives from the lookup API shortly after the start; until then calls go
            // through the gateway, which is not what the direct test is about.
            for (int i = 0; i < 100 && key.equals(System.getProperty("turnpike.apiKey")) && !turnpike.hasRouting(); i++) {
                Thread.sleep(100);
            }
            return new DefaultApi(TurnpikeGateway.apiClient(turnpike)).findPets(List.of("dog"), 10);
        }
    }

    @Test
    void aDirectConsumerCallsTheProviderEndToEnd() throws Exception {
        List<Pet> pets = pets(System.getProperty("turnpike.apiKey"));
        assertEquals("Rex", pets.get(0).getName());
    }

    @Test
    void aGatewayOnlyConsumerCallsThroughTheGateway() throws Exception {
        List<Pet> pets = pets(System.getProperty("it.gatewayOnlyKey"));
        assertEquals("Rex", pets.get(0).getName());
    }
}
