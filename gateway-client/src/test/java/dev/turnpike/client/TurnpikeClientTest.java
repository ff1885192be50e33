package dev.turnpike.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a stand-in gateway (JDK HTTP server answering the lookup and usage endpoints and proxying
 * nothing) and a real upstream. The end-to-end tests against a real gateway node are in gateway-core
 * ({@code EndToEndClientTest}).
 */
class TurnpikeClientTest {
    private HttpServer gateway;
    private HttpServer upstream;
    private final AtomicReference<String> lookupStatusAndBody = new AtomicReference<>();
    private final List<String> upstreamRequests = new CopyOnWriteArrayList<>();
    private final List<String> gatewayRequests = new CopyOnWriteArrayList<>();
    private final List<String> usageReports = new CopyOnWriteArrayList<>();
    private final AtomicInteger upstreamStatus = new AtomicInteger(200);

    @BeforeEach
    void start() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", ex -> {
            upstreamRequests.add(ex.getRequestURI() + " key=" + ex.getRequestHeaders().getFirst("X-Api-Key")
                    + " consumer=" + ex.getRequestHeaders().getFirst("X-Consumer-Id"));
            respond(ex, upstreamStatus.get(), "upstream");
        });
        upstream.start();
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            if (path.equals("/_turnpike/lookup/v1/apis")) {
                String[] answer = lookupStatusAndBody.get().split(" ", 2);
                respond(ex, Integer.parseInt(answer[0]), answer[1]);
            } else if (path.equals("/_turnpike/lookup/v1/usage")) {
                usageReports.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                respond(ex, 202, "{}");
            } else {
                gatewayRequests.add(ex.getRequestURI() + " key=" + ex.getRequestHeaders().getFirst("X-Api-Key"));
                respond(ex, 200, "gateway");
            }
        });
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.stop(0);
        upstream.stop(0);
    }

    private String document(String plan) {
        return "200 {\"consumer\":\"shop\",\"apis\":[{\"id\":\"products\",\"basePath\":\"/products/v1\","
                + "\"upstreamBasePath\":\"/internal\",\"pools\":[{\"id\":\"blue\",\"weight\":1,\"tls\":false,"
                + "\"instances\":[{\"host\":\"127.0.0.1\",\"port\":" + upstream.getAddress().getPort()
                + ",\"weight\":1,\"ejected\":false}]}],\"plan\":" + plan + "}]}";
    }

    private TurnpikeClient client() {
        return TurnpikeClient.builder("http://127.0.0.1:" + gateway.getAddress().getPort(), "secret-key")
                .watchWait(Duration.ofSeconds(1))
                .usageInterval(Duration.ofMillis(200))
                .build();
    }

    private String get(OkHttpClient http, String path) throws IOException {
        Request request = new Request.Builder().url("http://127.0.0.1:" + gateway.getAddress().getPort() + path)
                .build();
        try (Response response = http.newCall(request).execute()) {
            return response.code() + " " + response.body().string();
        }
    }

    @Test
    void callsTheInstanceDirectlyWithoutTheKeyAndReportsUsage() throws IOException {
        lookupStatusAndBody.set(document("null"));
        try (TurnpikeClient client = client()) {
            assertThat(client.directApis()).extracting(ApiRouting::id).containsExactly("products");
            assertThat(get(client.httpClient(), "/products/v1/items/7?x=1")).isEqualTo("200 upstream");
            assertThat(upstreamRequests).containsExactly("/internal/items/7?x=1 key=null consumer=shop");
            assertThat(gatewayRequests).isEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> usageReports.stream()
                    .anyMatch(r -> r.contains("\"api\":\"products\"") && r.contains("\"calls\":1")));
        }
    }

    @Test
    void fallsBackThroughTheGatewayWithTheKeyWhenNotAllowedDirectly() throws IOException {
        lookupStatusAndBody.set("200 {\"consumer\":\"shop\",\"apis\":[]}");
        try (TurnpikeClient client = client()) {
            assertThat(get(client.httpClient(), "/products/v1/items/7")).isEqualTo("200 gateway");
            assertThat(gatewayRequests).containsExactly("/products/v1/items/7 key=secret-key");
            assertThat(upstreamRequests).isEmpty();
        }
    }

    @Test
    void fallsBackThroughTheGatewayWhenTheLookupIsRefused() throws IOException {
        lookupStatusAndBody.set("401 {}");
        try (TurnpikeClient client = client()) {
            assertThat(client.hasRouting()).isTrue();
            assertThat(get(client.httpClient(), "/products/v1/items/7")).isEqualTo("200 gateway");
            assertThat(upstreamRequests).isEmpty();
        }
    }

    @Test
    void fallsBackThroughTheGatewayWhenTheOnlyInstanceIsDown() throws IOException {
        lookupStatusAndBody.set(document("null"));
        try (TurnpikeClient client = client()) {
            upstream.stop(0);
            assertThat(get(client.httpClient(), "/products/v1/items/7")).isEqualTo("200 gateway");
        }
    }

    @Test
    void refusesLocallyOverThePlan() throws IOException {
        lookupStatusAndBody.set(document("{\"perSecond\":1,\"burst\":1}"));
        try (TurnpikeClient client = client()) {
            assertThat(get(client.httpClient(), "/products/v1/a")).isEqualTo("200 upstream");
            assertThat(get(client.httpClient(), "/products/v1/a")).startsWith("429 ").contains("rate-limited");
            assertThat(upstreamRequests).hasSize(1);
        }
    }

    @Test
    void picksUpAChangedDocumentFromTheWatch() throws IOException {
        lookupStatusAndBody.set("200 {\"consumer\":\"shop\",\"apis\":[]}");
        try (TurnpikeClient client = client()) {
            assertThat(client.directApis()).isEmpty();
            lookupStatusAndBody.set(document("null"));
            await().atMost(Duration.ofSeconds(15)).until(() -> !client.directApis().isEmpty());
            assertThat(get(client.httpClient(), "/products/v1/x")).isEqualTo("200 upstream");
        }
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
