package dev.turnpike.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.RawHttp;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.model.Route;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

class ProxyTest {
    @TempDir
    Path dir;

    TestUpstream upstream;
    GatewayUnderTest gateway;

    @BeforeEach
    void start() {
        upstream = TestUpstream.start("u1");
        gateway = GatewayUnderTest.start(dir, TestCatalogs.oneApi("/shop/v1", "/internal",
                TestCatalogs.pool("p", upstream), Route.prefix()));
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    @Test
    void forwardsWithBasePathRewrittenAndQueryKept() throws Exception {
        HttpResponse<String> r = gateway.get("/shop/v1/items/7?color=red&size=%20L");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"upstream\":\"u1\"");
        TestUpstream.Seen seen = upstream.take();
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.uri()).isEqualTo("/internal/items/7?color=red&size=%20L");
    }

    @Test
    void basePathAloneMapsToUpstreamBasePath() throws Exception {
        assertThat(gateway.get("/shop/v1").statusCode()).isEqualTo(200);
        assertThat(upstream.take().uri()).isEqualTo("/internal");
    }

    @Test
    void postBodyWithContentLengthArrivesWhole() throws Exception {
        HttpResponse<String> r = GatewayUnderTest.send(HttpRequest.newBuilder(gateway.uri("/shop/v1/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sku\":42}")));
        assertThat(r.statusCode()).isEqualTo(200);
        TestUpstream.Seen seen = upstream.take();
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.body()).isEqualTo("{\"sku\":42}");
        assertThat(seen.headers().get("content-length")).isEqualTo("10");
        assertThat(seen.headers().get("content-type")).isEqualTo("application/json");
    }

    @Test
    void chunkedBodyIsForwardedChunked() throws Exception {
        RawHttp.Response r = RawHttp.exchange(gateway.port(), "POST /shop/v1/upload HTTP/1.1\r\nHost: gw\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
        assertThat(r.status()).isEqualTo(200);
        TestUpstream.Seen seen = upstream.take();
        assertThat(seen.body()).isEqualTo("hello world");
        assertThat(seen.headers().get("transfer-encoding")).isEqualTo("chunked");
        assertThat(seen.headers().contains("content-length")).isFalse();
    }

    @Test
    void getWithoutBodyReachesUpstreamWithoutBodyFraming() throws Exception {
        RawHttp.exchange(gateway.port(), "GET /shop/v1/a HTTP/1.1\r\nHost: gw\r\n\r\n");
        TestUpstream.Seen seen = upstream.take();
        assertThat(seen.headers().contains("transfer-encoding")).isFalse();
        assertThat(seen.body()).isEmpty();
    }

    @Test
    void removesHopByHopRequestHeaders() throws Exception {
        RawHttp.Response r = RawHttp.exchange(gateway.port(), "GET /shop/v1/h HTTP/1.1\r\nHost: gw\r\n"
                + "Connection: keep-alive, X-Per-Hop\r\n"
                + "X-Per-Hop: secret\r\n"
                + "Keep-Alive: timeout=5\r\n"
                + "Proxy-Connection: keep-alive\r\n"
                + "TE: trailers\r\n"
                + "Upgrade: websocket\r\n"
                + "Trailer: X-Checksum\r\n"
                + "Proxy-Authorization: Basic Zm9vOmJhcg==\r\n"
                + "Proxy-Foo: bar\r\n"
                + "X-End-To-End: kept\r\n\r\n");
        assertThat(r.status()).isEqualTo(200);
        TestUpstream.Seen seen = upstream.take();
        for (String name : new String[] {"x-per-hop", "keep-alive", "proxy-connection", "te", "upgrade", "trailer",
            "proxy-authorization", "proxy-foo"}) {
            assertThat(seen.headers().contains(name)).as(name).isFalse();
        }
        assertThat(seen.headers().get("connection")).as("connection").isNotEqualToIgnoringCase("X-Per-Hop");
        assertThat(seen.headers().get("x-end-to-end")).isEqualTo("kept");
    }

    @Test
    void setsForwardedHeadersFromThePeerAndIgnoresSpoofedOnes() throws Exception {
        RawHttp.exchange(gateway.port(), "GET /shop/v1/f HTTP/1.1\r\nHost: shop.example.com\r\n"
                + "X-Forwarded-For: 6.6.6.6\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Host: evil.example\r\n"
                + "Forwarded: for=6.6.6.6\r\n\r\n");
        TestUpstream.Seen seen = upstream.take();
        assertThat(seen.headers().getAll("x-forwarded-for")).containsExactly("127.0.0.1");
        assertThat(seen.headers().get("x-forwarded-proto")).isEqualTo("http");
        assertThat(seen.headers().get("x-forwarded-host")).isEqualTo("shop.example.com");
        assertThat(seen.headers().get("x-forwarded-port")).isEqualTo(Integer.toString(gateway.port()));
        assertThat(seen.headers().getAll("forwarded"))
                .containsExactly("for=127.0.0.1;proto=http;host=shop.example.com");
        assertThat(seen.headers().get("via")).isEqualTo("1.1 turnpike");
        assertThat(seen.headers().get("host")).isEqualTo(upstream.address());
    }

    @Test
    void generatesRequestIdAndReturnsIt() throws Exception {
        HttpResponse<String> r = gateway.get("/shop/v1/id");
        String id = r.headers().firstValue("x-request-id").orElseThrow();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(upstream.take().headers().get("x-request-id")).isEqualTo(id);
    }

    @Test
    void keepsAUsableClientRequestId() throws Exception {
        HttpResponse<String> r = GatewayUnderTest.send(HttpRequest.newBuilder(gateway.uri("/shop/v1/id"))
                .header("X-Request-Id", "abc-123"));
        assertThat(r.headers().firstValue("x-request-id")).hasValue("abc-123");
        assertThat(upstream.take().headers().get("x-request-id")).isEqualTo("abc-123");
    }

    @Test
    void unknownPathIsA404Problem() throws Exception {
        HttpResponse<String> r = gateway.get("/nowhere");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(r.body()).contains("\"type\":\"https://turnpike.dev/problems/no-route\"", "\"status\":404",
                "\"instance\":\"" + r.headers().firstValue("x-request-id").orElseThrow() + "\"");
        assertThat(upstream.pending()).isZero();
    }

    @Test
    void dotSegmentsCannotEscapeTheBasePath() throws Exception {
        RawHttp.Response r = RawHttp.exchange(gateway.port(), "GET /shop/v1/../../admin HTTP/1.1\r\nHost: gw\r\n\r\n");
        assertThat(r.status()).isEqualTo(404);
        RawHttp.Response inside = RawHttp.exchange(gateway.port(),
                "GET /shop/v1/a/%2e%2e/b HTTP/1.1\r\nHost: gw\r\n\r\n");
        assertThat(inside.status()).isEqualTo(200);
        assertThat(upstream.take().uri()).isEqualTo("/internal/b");
    }

    @Test
    void keepsTheClientConnectionAlive() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(5000);
            for (int i = 0; i < 3; i++) {
                socket.getOutputStream().write(("GET /shop/v1/k" + i + " HTTP/1.1\r\nHost: gw\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                RawHttp.Response r = RawHttp.read(socket.getInputStream());
                assertThat(r.status()).isEqualTo(200);
            }
        }
    }

    @Test
    void removesHopByHopResponseHeadersAndPassesUpstreamErrorsUntouched() throws Exception {
        try (TestUpstream teapot = TestUpstream.start("teapot", (req, res) -> res.status(418)
                .header("Connection", "X-Hop")
                .header("X-Hop", "1")
                .header("Keep-Alive", "timeout=3")
                .header("Proxy-Authenticate", "Basic")
                .header("X-Kept", "yes")
                .header("Content-Type", "text/plain")
                .sendString(Mono.just("short and stout")));
             GatewayUnderTest gw = GatewayUnderTest.start(dir.resolve("t"), TestCatalogs.oneApi("/t", "/",
                     TestCatalogs.pool("tp", teapot)))) {
            RawHttp.Response r = RawHttp.exchange(gw.port(), "GET /t/brew HTTP/1.1\r\nHost: gw\r\n\r\n");
            assertThat(r.status()).isEqualTo(418);
            assertThat(r.body()).isEqualTo("short and stout");
            assertThat(r.header("x-kept")).isEqualTo("yes");
            assertThat(r.header("x-hop")).isNull();
            assertThat(r.header("keep-alive")).isNull();
            assertThat(r.header("proxy-authenticate")).isNull();
            assertThat(r.header("content-type")).isEqualTo("text/plain");
        }
    }
}
