package dev.turnpike.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.registry.model.ApiKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Calls a test node's admin API with a bearer token. */
final class AdminClient {
    static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";
    static final String READER_TOKEN = "test-reader-token-0123456789abcdef";
    /** The {@code admin.tokens} setting that accepts both test tokens. */
    static final Map<String, String> TOKENS = Map.of("admin.tokens",
            "ops:admin:" + ApiKey.hash(ADMIN_TOKEN) + ",viewer:read-only:" + ApiKey.hash(READER_TOKEN));
    static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final String token;

    AdminClient(int port, String token) {
        this.port = port;
        this.token = token;
    }

    AdminClient(GatewayUnderTest gateway) {
        this(gateway.adminPort(), ADMIN_TOKEN);
    }

    AdminClient as(String otherToken) {
        return new AdminClient(port, otherToken);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, null, Map.of());
    }

    HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        return send(method, path, body, body == null ? null : "application/json", Map.of());
    }

    HttpResponse<String> send(String method, String path, String body, String contentType,
                              Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        return GatewayUnderTest.send(b);
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** The JSON pointers of a problem's {@code errors}, in order (empty without errors). */
    static java.util.List<String> pointers(HttpResponse<String> response) throws IOException {
        java.util.List<String> pointers = new java.util.ArrayList<>();
        JsonNode errors = json(response).get("errors");
        if (errors != null) {
            errors.forEach(e -> pointers.add(e.path("pointer").asText()));
        }
        return pointers;
    }

    /** The ids of a 200 list page's items, in order. */
    static java.util.List<String> ids(HttpResponse<String> response) throws IOException {
        org.assertj.core.api.Assertions.assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        java.util.List<String> ids = new java.util.ArrayList<>();
        json(response).get("items").forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }
}
