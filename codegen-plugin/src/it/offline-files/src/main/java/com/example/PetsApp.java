package com.example;

import com.example.clients.pets.ApiClient;
import com.example.clients.pets.TurnpikeGateway;
import com.example.clients.pets.api.DefaultApi;
import com.example.clients.pets.model.Pet;
import dev.turnpike.client.TurnpikeClient;
import java.util.List;

/** Uses the client generated from a local Swagger 2.0 document: it must compile. */
public final class PetsApp {
    private PetsApp() {
    }

    public static List<Pet> pets(String gatewayUrl, String apiKey) throws Exception {
        try (TurnpikeClient turnpike = TurnpikeClient.builder(gatewayUrl, apiKey).build()) {
            ApiClient client = TurnpikeGateway.apiClient(turnpike);
            return new DefaultApi(client).findPets(List.of("dog"), 10);
        }
    }
}
