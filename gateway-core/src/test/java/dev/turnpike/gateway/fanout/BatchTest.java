package dev.turnpike.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.awaitility.core.ConditionTimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.file.CatalogFile;
import dev.turnpike.registry.model.IssuedApiKey;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code POST /_turnpike/batch} on a real node with a real upstream that records how many calls it holds at once. */
class BatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicInteger arrived = new AtomicInteger();
    TestUpstream upstream;
    GatewayUnderTest gateway;
    IssuedApiKey key;

    @BeforeEach
    void start() throws Exception {
        upstream = TestUpstream.start("u", (req, res) -> req.receive().aggregate().asString(StandardCharsets.UTF_8)
                .defaultIfEmpty("").flatMap(body -> {
                    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    int n = arrived.incrementAndGet();
                    return Mono.fromRunnable(() -> {
                        try { // each call waits for the next one of its pair: at most two may be held at once
                            await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
                                    .pollInterval(Duration.ofMillis(1))
                                    .until(() -> arrived.get() >= n + (n % 2 == 1 ? 1 : 0));
                        } catch (ConditionTimeoutException e) {
                            // released anyway: the test's assertions on max in flight tell what happened
                        }
                    }).subscribeOn(Schedulers.boundedElastic()).then(Mono.defer(() -> {
                        inFlight.decrementAndGet();
                        return res.header("content-type", "application/json").sendString(Mono.just(
                                "{\"uri\":\"" + req.uri() + "\",\"method\":\"" + req.method() + "\",\"body\":"
                                        + JSON.valueToTree(body) + ",\"key\":" + (req.requestHeaders()
                                        .contains("x-api-key") ? "true" : "false") + "}")).then();
                    }));
                }));
        String catalog = """
                teams: [ { id: web } ]
                pools: [ { id: p, instances: [ "%s" ] } ]
                apis:
                  - { id: orders, owner: web, basePath: /orders, targets: [ { pool: p } ], routes: [ { method: GET, path: "/{id}" }, { method: POST, path: "/" } ] }
                  - { id: admin, owner: web, basePath: /admin, targets: [ { pool: p } ] }
                consumers:
                  - { id: shop, team: web, subscriptions: [ { api: orders } ] }
                """.formatted(upstream.address());
        gateway = GatewayUnderTest.start(dir, CatalogFile.parse(catalog, "t.yaml"), Map.of("store.pollInterval",
                "50ms", "usage.flushInterval", "100ms", "fanout.batchConcurrency", "2", "fanout.batchMaxItems", "5"));
        key = gateway.store().createKey("shop", Optional.empty(), "test");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> gateway.server().routing().current().consumers().keyCount() == 1);
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    private HttpResponse<String> batch(String body) throws Exception {
        return GatewayUnderTest.send(HttpRequest.newBuilder(gateway.uri("/_turnpike/batch"))
                .header("X-Api-Key", key.plaintext()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void itemsRunAsIfSentAloneUpToTheCapAndAnswerInRequestOrder() throws Exception {
        HttpResponse<String> response = batch("""
                [{"id": "a", "path": "/orders/1"},
                 {"id": "b", "method": "POST", "path": "/orders/", "body": {"n": 2}},
                 {"id": "c", "path": "/orders/3?x=y", "headers": {"X-Api-Key": "other", "X-Trace": "t"}},
                 {"id": "d", "path": "/admin/users"},
                 {"id": "e", "path": "/nowhere"}]""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode items = JSON.readTree(response.body());
        assertThat(items).hasSize(5);
        assertThat(items.findValuesAsText("id")).containsExactly("a", "b", "c", "d", "e");
        assertThat(items.get(0).get("status").asInt()).isEqualTo(200);
        assertThat(items.get(0).at("/body/uri").asText()).isEqualTo("/1");
        assertThat(items.get(1).at("/body/method").asText()).isEqualTo("POST");
        assertThat(items.get(1).at("/body/body").asText()).isEqualTo("{\"n\":2}");
        assertThat(items.get(2).at("/body/uri").asText()).isEqualTo("/3?x=y");
        assertThat(items.get(2).at("/body/key").asBoolean()).as("the key never goes upstream").isFalse();
        assertThat(items.get(3).get("status").asInt()).isEqualTo(403);
        assertThat(items.get(3).at("/body/type").asText()).endsWith("/not-subscribed");
        assertThat(items.get(4).get("status").asInt()).isEqualTo(404);
        assertThat(items.get(4).at("/headers/content-type").asText()).isEqualTo("application/problem+json");
        assertThat(maxInFlight.get()).as("calls held at once, with a cap of 2").isEqualTo(2);

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(gateway.store().usageOfApi("orders", today, today).get(0).calls()).isEqualTo(3));
    }

    @Test
    void badBatchesAre400NamingTheItem() throws Exception {
        assertInvalid(batch("[" + "{\"id\": \"x\", \"path\": \"/orders/1\"},".repeat(5)
                + "{\"id\": \"y\", \"path\": \"/orders/1\"}]"), "items: 6 (expected: 1..5)");
        assertInvalid(batch("[{\"id\": \"a\", \"path\": \"/orders/1\"}, {\"id\": \"b\", \"path\": \"orders\"}]"),
                "items[1].path: \"orders\" (expected: a path starting with /)");
        assertInvalid(batch("[{\"path\": \"/orders/1\"}]"), "items[0]: missing field id");
        assertInvalid(batch("[{\"id\": \"a\", \"path\": \"/o\", \"colour\": 1}]"), "items[0].colour: unknown field");
        assertInvalid(batch("[{\"id\": \"a\", \"path\": \"/o\"}, {\"id\": \"a\", \"path\": \"/o\"}]"),
                "items[1].id: \"a\" (expected: unique ids; also items[0])");
        assertInvalid(batch("{\"id\": \"a\"}"), "the body is a JSON object");
        assertInvalid(batch("[{\"id\": \"a\", \"path\": \"/o\", \"body\": \"" + "x".repeat(1024 * 1024) + "\"}]"),
                "the batch body is over 1048576 bytes");
        assertThat(arrived.get()).isZero();
        HttpResponse<String> get = GatewayUnderTest.send(HttpRequest.newBuilder(gateway.uri("/_turnpike/batch")));
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("allow")).hasValue("POST");
    }

    private static void assertInvalid(HttpResponse<String> response, String detail) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asText()).endsWith("/invalid-batch");
        assertThat(problem.get("detail").asText()).contains(detail);
    }
}
