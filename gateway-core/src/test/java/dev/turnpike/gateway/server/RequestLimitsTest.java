package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.RawHttp;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Limits and malformed framing: the right status, a problem body, the connection closed, nothing forwarded. */
class RequestLimitsTest {
    @TempDir
    Path dir;

    TestUpstream upstream;
    GatewayUnderTest gateway;

    @BeforeEach
    void start() {
        upstream = TestUpstream.start("u");
        gateway = GatewayUnderTest.start(dir, TestCatalogs.oneApi("/api", "/", TestCatalogs.pool("p", upstream)),
                Map.of("limits.maxRequestLine", "256", "limits.maxHeaderSize", "1KB", "limits.maxHeaders", "10",
                        "limits.maxBodySize", "1KB"));
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    private void assertProblem(RawHttp.Response r, int status, String type) throws InterruptedException {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.header("content-type")).isEqualTo("application/problem+json");
        assertThat(r.body()).contains("\"type\":\"https://turnpike.dev/problems/" + type + "\"");
        assertThat(r.closed()).as("connection closed").isTrue();
        assertThat(upstream.poll(Duration.ofMillis(300))).as("nothing forwarded").isNull();
    }

    @Test
    void requestLineOverTheLimitIs414() throws Exception {
        String path = "/api/" + "a".repeat(400);
        assertProblem(RawHttp.exchange(gateway.port(), "GET " + path + " HTTP/1.1\r\nHost: gw\r\n\r\n"),
                414, "uri-too-long");
    }

    @Test
    void headerBlockOverTheLimitIs431() throws Exception {
        assertProblem(RawHttp.exchange(gateway.port(), "GET /api/x HTTP/1.1\r\nHost: gw\r\nX-Big: "
                + "b".repeat(2000) + "\r\n\r\n"), 431, "headers-too-large");
    }

    @Test
    void tooManyHeaderFieldsIs431() throws Exception {
        StringBuilder req = new StringBuilder("GET /api/x HTTP/1.1\r\nHost: gw\r\n");
        for (int i = 0; i < 12; i++) {
            req.append("X-H").append(i).append(": ").append(i).append("\r\n");
        }
        assertProblem(RawHttp.exchange(gateway.port(), req.append("\r\n").toString()), 431, "headers-too-large");
    }

    @Test
    void declaredBodyOverTheLimitIs413() throws Exception {
        assertProblem(RawHttp.exchange(gateway.port(), "POST /api/x HTTP/1.1\r\nHost: gw\r\nContent-Length: 5000\r\n\r\n"
                + "x".repeat(5000)), 413, "body-too-large");
    }

    @Test
    void chunkedBodyGrowingOverTheLimitIs413() throws Exception {
        StringBuilder req = new StringBuilder("POST /api/x HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < 5; i++) {
            req.append("200\r\n").append("y".repeat(512)).append("\r\n");
        }
        req.append("0\r\n\r\n");
        RawHttp.Response r = RawHttp.exchange(gateway.port(), req.toString());
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.body()).contains("body-too-large");
        assertThat(r.closed()).isTrue();
    }

    @Test
    void conflictingContentLengthsAre400() throws Exception {
        assertProblem(RawHttp.exchange(gateway.port(), "POST /api/x HTTP/1.1\r\nHost: gw\r\nContent-Length: 3\r\n"
                + "Content-Length: 4\r\n\r\nabcd"), 400, "malformed-request");
    }

    @Test
    void contentLengthWithTransferEncodingIs400() throws Exception {
        assertProblem(RawHttp.exchange(gateway.port(), "POST /api/x HTTP/1.1\r\nHost: gw\r\nContent-Length: 4\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n0\r\n\r\n"), 400, "malformed-request");
    }

    @Test
    void badChunkSizeIs400AndNoCompleteRequestReachesTheUpstream() throws Exception {
        RawHttp.Response r = RawHttp.exchange(gateway.port(), "POST /api/x HTTP/1.1\r\nHost: gw\r\n"
                + "Transfer-Encoding: chunked\r\n\r\nzz\r\nabcd\r\n0\r\n\r\n");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.closed()).isTrue();
        assertThat(upstream.poll(Duration.ofMillis(500))).as("no complete request forwarded").isNull();
    }

    @Test
    void garbageRequestLineIs400() throws Exception {
        RawHttp.Response r = RawHttp.exchange(gateway.port(), "HELLO\r\n\r\n");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.closed()).isTrue();
    }

    @Test
    void requestWithinLimitsPasses() throws Exception {
        RawHttp.Response r = RawHttp.exchange(gateway.port(), "POST /api/x HTTP/1.1\r\nHost: gw\r\nContent-Length: 5\r\n"
                + "\r\nhello");
        assertThat(r.status()).isEqualTo(200);
        assertThat(upstream.take().body()).isEqualTo("hello");
    }
}
