package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.RawHttp;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin listener has the public listener's decoder limits and decoder-failure answers (problem+json, connection
 * closed) and keeps a client's request id.
 */
class AdminListenerTest {
    @TempDir
    Path dir;

    TestUpstream upstream;
    GatewayUnderTest gateway;

    @BeforeEach
    void start() {
        upstream = TestUpstream.start("u");
        gateway = GatewayUnderTest.start(dir, TestCatalogs.oneApi("/api", "/", TestCatalogs.pool("p", upstream)),
                Map.of("limits.maxRequestLine", "256", "limits.maxHeaderSize", "1KB", "limits.maxHeaders", "10"));
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    private static void assertProblem(RawHttp.Response r, int status, String type) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.header("content-type")).isEqualTo("application/problem+json");
        assertThat(r.body()).contains("\"type\":\"https://turnpike.dev/problems/" + type + "\"");
        assertThat(r.header("x-request-id")).isNotBlank();
        assertThat(r.closed()).as("connection closed").isTrue();
    }

    @Test
    void aRequestLineOverTheLimitIs414() throws Exception {
        assertProblem(RawHttp.exchange(gateway.adminPort(), "GET /admin/v1/" + "a".repeat(400)
                + " HTTP/1.1\r\nHost: gw\r\n\r\n"), 414, "uri-too-long");
    }

    @Test
    void aHeaderBlockOverTheLimitIs431() throws Exception {
        assertProblem(RawHttp.exchange(gateway.adminPort(), "GET /health/live HTTP/1.1\r\nHost: gw\r\nX-Big: "
                + "b".repeat(2000) + "\r\n\r\n"), 431, "headers-too-large");
    }

    @Test
    void tooManyHeaderFieldsIs431() throws Exception {
        StringBuilder req = new StringBuilder("GET /metrics HTTP/1.1\r\nHost: gw\r\n");
        for (int i = 0; i < 12; i++) {
            req.append("X-H").append(i).append(": v\r\n");
        }
        assertProblem(RawHttp.exchange(gateway.adminPort(), req.append("\r\n").toString()), 431, "headers-too-large");
    }

    @Test
    void conflictingFramingIs400() throws Exception {
        assertProblem(RawHttp.exchange(gateway.adminPort(), "POST /admin/v1/teams HTTP/1.1\r\nHost: gw\r\n"
                + "Content-Length: 5\r\nContent-Length: 7\r\n\r\nhello"), 400, "malformed-request");
    }

    @Test
    void theClientsRequestIdIsKept() throws Exception {
        HttpResponse<String> api = GatewayUnderTest.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.adminPort() + "/admin/v1/teams")).header("X-Request-Id", "abc-1"));
        HttpResponse<String> other = GatewayUnderTest.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.adminPort() + "/nothing")).header("X-Request-Id", "abc-2"));
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("x-request-id")).hasValue("abc-1");
        assertThat(api.body()).contains("\"instance\":\"abc-1\"");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).contains("\"instance\":\"abc-2\"");
    }
}
