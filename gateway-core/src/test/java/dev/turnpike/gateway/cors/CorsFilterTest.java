package dev.turnpike.gateway.cors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.turnpike.gateway.testing.ConsumerCatalogs;
import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.model.IssuedApiKey;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;

/**
 * CORS on the public listener of a real node in front of a real upstream that answers with CORS headers of its own:
 * preflights from allowed origins are answered by the gateway (no key asked, nothing reaches the upstream), other
 * origins are refused with a problem and no CORS headers, actual responses carry only the gateway's decision, and
 * the same holds over h2c. Without allowed origins the gateway leaves CORS alone.
 */
class CorsFilterTest {
    static final String PORTAL = "https://portal.example.com";
    static final String EVIL = "https://evil.example";

    @TempDir
    static Path dir;

    static TestUpstream upstream;
    static GatewayUnderTest gw;
    static String key;

    @BeforeAll
    static void start() {
        upstream = corsAnsweringUpstream("u");
        gw = GatewayUnderTest.start(dir, ConsumerCatalogs.catalog(upstream),
                Map.of("cors.allowedOrigins", PORTAL + ", http://127.0.0.1:3000", "store.pollInterval", "50ms",
                        "public.h2c", "true"));
        IssuedApiKey issued = gw.store().createKey("web", Optional.empty(), "test");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> gw.server().routing().current().consumers().keyCount() == 1);
        key = issued.plaintext();
    }

    @AfterAll
    static void stop() {
        gw.close();
        upstream.close();
    }

    @BeforeEach
    void forgetWhatTheUpstreamSaw() throws InterruptedException {
        while (upstream.poll(Duration.ZERO) != null) {
            // drained
        }
    }

    /** An upstream that records requests and answers with permissive CORS headers of its own. */
    static TestUpstream corsAnsweringUpstream(String name) {
        TestUpstream[] self = new TestUpstream[1];
        self[0] = TestUpstream.start(name, (req, res) -> req.receive().aggregate().asString(StandardCharsets.UTF_8)
                .defaultIfEmpty("").flatMap(body -> {
                    self[0].record(req, body);
                    return res.header("Access-Control-Allow-Origin", "*")
                            .header("Access-Control-Allow-Credentials", "true")
                            .header("Access-Control-Allow-Methods", "GET")
                            .header("Vary", "Accept-Encoding")
                            .header("X-Item-Count", "3")
                            .header("Content-Type", "application/json")
                            .sendString(Mono.just("{\"upstream\":\"" + name + "\"}")).then();
                }));
        return self[0];
    }

    static HttpResponse<String> preflight(String path, String origin, String method, String headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(gw.uri(path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", method);
        if (headers != null) {
            b.header("Access-Control-Request-Headers", headers);
        }
        return GatewayUnderTest.send(b);
    }

    @Test
    void answersAPreflightFromAnAllowedOriginItselfWithoutAskingForAKey() throws Exception {
        HttpResponse<String> r = preflight("/orders/items", PORTAL, "POST", "X-Api-Key, Content-Type");
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.headers().allValues("Access-Control-Allow-Origin")).containsExactly(PORTAL);
        assertThat(r.headers().firstValue("Access-Control-Allow-Methods")).hasValue(
                "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
        assertThat(r.headers().firstValue("Access-Control-Allow-Headers")).hasValue("x-api-key, content-type");
        assertThat(r.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
        assertThat(r.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(String.join(",", r.headers().allValues("Vary"))).contains("Origin",
                "Access-Control-Request-Method", "Access-Control-Request-Headers");
        assertThat(r.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(r.body()).isEmpty();

        // Also before routing: the actual request's answer (here a 404 problem) is the browser's to read.
        assertThat(preflight("/nowhere", "http://127.0.0.1:3000", "GET", null).statusCode()).isEqualTo(204);
        assertThat(upstream.poll(Duration.ofMillis(300))).as("no preflight reaches the upstream").isNull();
    }

    @Test
    void refusesPreflightsFromOtherOriginsOrForOtherMethodsWithAProblemAndNoCorsHeaders() throws Exception {
        HttpResponse<String> evil = preflight("/orders/items", EVIL, "GET", "X-Api-Key");
        assertThat(evil.statusCode()).isEqualTo(403);
        assertThat(evil.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(evil.body()).contains("https://turnpike.dev/problems/cors-refused", EVIL);
        assertThat(evil.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));

        HttpResponse<String> method = preflight("/orders/items", PORTAL, "PROPFIND", null);
        assertThat(method.statusCode()).isEqualTo(403);
        assertThat(method.body()).contains("cors-refused", "PROPFIND", "expected: one of GET");
        assertThat(method.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        HttpResponse<String> headers = preflight("/orders/items", PORTAL, "GET", "x-api-key, bad header");
        assertThat(headers.statusCode()).isEqualTo(403);
        assertThat(headers.body()).contains("Access-Control-Request-Headers");

        HttpResponse<String> nullOrigin = preflight("/orders/items", "null", "GET", null);
        assertThat(nullOrigin.statusCode()).isEqualTo(403);
        assertThat(upstream.poll(Duration.ofMillis(300))).as("no preflight reaches the upstream").isNull();
    }

    @Test
    void actualResponsesCarryOnlyTheGatewaysDecision() throws Exception {
        HttpResponse<String> allowed = GatewayUnderTest.send(HttpRequest.newBuilder(gw.uri("/orders/items"))
                .header("Origin", PORTAL).header("X-Api-Key", key));
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).contains("\"upstream\":\"u\"");
        assertThat(allowed.headers().allValues("Access-Control-Allow-Origin")).containsExactly(PORTAL);
        assertThat(allowed.headers().allValues("Access-Control-Expose-Headers")).containsExactly("*");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
        assertThat(allowed.headers().allValues("Vary")).contains("Origin", "Accept-Encoding");
        assertThat(allowed.headers().firstValue("X-Item-Count")).hasValue("3");
        HttpHeaders seen = upstream.take().headers();
        assertThat(seen.get("origin")).isEqualTo(PORTAL); // the upstream may still look at it

        // The gateway's own problems are readable by the allowed origin too.
        HttpResponse<String> noKey = GatewayUnderTest.send(HttpRequest.newBuilder(gw.uri("/orders/items"))
                .header("Origin", PORTAL));
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(noKey.headers().allValues("Access-Control-Allow-Origin")).containsExactly(PORTAL);

        HttpResponse<String> other = GatewayUnderTest.send(HttpRequest.newBuilder(gw.uri("/orders/items"))
                .header("Origin", EVIL).header("X-Api-Key", key));
        assertThat(other.statusCode()).as("the browser, not the gateway, withholds the answer").isEqualTo(200);
        assertThat(other.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
        assertThat(other.headers().allValues("Vary")).contains("Origin");
        upstream.take();

        HttpResponse<String> sameOrigin = GatewayUnderTest.send(HttpRequest.newBuilder(gw.uri("/orders/items"))
                .header("X-Api-Key", key));
        assertThat(sameOrigin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(sameOrigin.headers().allValues("Vary")).contains("Origin");
        upstream.take();
    }

    @Test
    void preflightAndActualRequestOverH2c() {
        HttpClient h2 = HttpClient.create().protocol(HttpProtocol.H2C).baseUrl("http://127.0.0.1:" + gw.port());
        HttpHeaders preflight = h2.headers(h -> h.set("origin", PORTAL).set("access-control-request-method", "GET")
                        .set("access-control-request-headers", "x-api-key"))
                .request(io.netty.handler.codec.http.HttpMethod.OPTIONS).uri("/orders/items")
                .response((res, body) -> body.then(Mono.fromSupplier(() -> {
                    assertThat(res.version().text()).isEqualTo("HTTP/2.0");
                    assertThat(res.status().code()).isEqualTo(204);
                    return res.responseHeaders();
                }))).single().block(Duration.ofSeconds(10));
        assertThat(preflight.get("access-control-allow-origin")).isEqualTo(PORTAL);
        assertThat(preflight.get("access-control-allow-headers")).isEqualTo("x-api-key");

        HttpHeaders actual = h2.headers(h -> h.set("origin", PORTAL).set("x-api-key", key))
                .get().uri("/orders/items")
                .response((res, body) -> body.then(Mono.fromSupplier(() -> {
                    assertThat(res.status().code()).isEqualTo(200);
                    return res.responseHeaders();
                }))).single().block(Duration.ofSeconds(10));
        assertThat(actual.getAll("access-control-allow-origin")).containsExactly(PORTAL);
        assertThat(actual.get("access-control-allow-credentials")).isNull();
        assertThat(upstream.take().method()).isEqualTo("GET");
    }

    @Test
    void withoutAllowedOriginsTheGatewayLeavesCorsAlone(@TempDir Path own) throws Exception {
        try (TestUpstream plain = corsAnsweringUpstream("plain");
             GatewayUnderTest off = GatewayUnderTest.start(own, ConsumerCatalogs.catalog(plain))) {
            HttpResponse<String> r = GatewayUnderTest.send(HttpRequest.newBuilder(off.uri("/open/items"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", PORTAL).header("Access-Control-Request-Method", "GET"));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
            assertThat(plain.take().method()).as("the upstream answers its own preflights").isEqualTo("OPTIONS");
            assertThat(r.headers().allValues("Vary")).doesNotContain("Origin");
        }
    }
}
