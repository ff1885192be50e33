package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.RawHttp;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slow headers, slow bodies and connection caps on the public listener. */
class SlowClientTest {
    @TempDir
    Path dir;

    TestUpstream upstream;
    GatewayUnderTest gateway;

    @BeforeEach
    void start() {
        upstream = TestUpstream.start("u");
        gateway = GatewayUnderTest.start(dir, TestCatalogs.oneApi("/api", "/", TestCatalogs.pool("p", upstream)),
                Map.of("limits.headerTimeout", "1s", "limits.minBodyRate", "1KB", "limits.bodyRateWindow", "2s",
                        "limits.maxConnectionsPerClient", "4"));
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    /**
     * Sends {@code head} at once, then {@code text} a few bytes at a time, every 250 ms, until the peer answers or
     * closes; returns what it answered.
     */
    private String trickle(String head, String text) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            try {
                for (int i = 0; i < bytes.length && System.nanoTime() < deadline; i += 2) {
                    out.write(bytes, i, Math.min(2, bytes.length - i));
                    out.flush();
                    if (socket.getInputStream().available() > 0) {
                        break;
                    }
                    Thread.sleep(250);
                }
            } catch (SocketException e) {
                // closed by the gateway while writing
            }
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void aHeadTrickledSlowerThanTheDeadlineGets408AndTheConnectionCloses() throws Exception {
        String answer = trickle("", "GET /api/x HTTP/1.1\r\nHost: gw\r\nX-Padding: " + "p".repeat(200) + "\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 408").contains("request-timeout");
        assertThat(upstream.poll(Duration.ofMillis(200))).as("nothing forwarded").isNull();
        String metrics = gateway.admin("/metrics").body();
        assertThat(metrics).contains("turnpike_requests_refused_total{reason=\"header-timeout\"}");
    }

    @Test
    void aBodyTrickledUnderTheMinimumRateIsCutOff() throws Exception {
        String answer = trickle("POST /api/x HTTP/1.1\r\nHost: gw\r\nContent-Length: 5000\r\n\r\n", "b".repeat(5000));
        assertThat(answer).startsWith("HTTP/1.1 408").contains("request-timeout");
        assertThat(gateway.admin("/metrics").body())
                .contains("turnpike_requests_refused_total{reason=\"body-too-slow\"}");
    }

    @Test
    void afterThe408TheConnectionLingersSoAClientStillSendingGetsNoReset() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write("POST /api/x HTTP/1.1\r\nHost: gw\r\nContent-Length: 5000\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (socket.getInputStream().available() == 0 && System.nanoTime() < deadline) {
                out.write("bb".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                Thread.sleep(250);
            }
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).as("answered, then the end of the stream").startsWith("HTTP/1.1 408");
            // A socket closed outright answers these bytes with a reset, and the second write fails on it; a
            // lingering one takes them in silently (a reset would also destroy an answer not read yet).
            for (int i = 0; i < 2; i++) {
                out.write("bb".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                Thread.sleep(200);
            }
        }
    }

    @Test
    void aFastClientIsNotAffected() throws Exception {
        RawHttp.Response r = RawHttp.exchange(gateway.port(), "POST /api/x HTTP/1.1\r\nHost: gw\r\n"
                + "Content-Length: 5\r\n\r\nhello");
        assertThat(r.status()).isEqualTo(200);
        assertThat(upstream.take().body()).isEqualTo("hello");
    }

    @Test
    void connectionsOverThePerClientCapAreClosedOnAccept() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                held.add(new Socket("127.0.0.1", gateway.port()));
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (Socket extra = new Socket("127.0.0.1", gateway.port())) {
                    extra.setSoTimeout(5_000);
                    InputStream in = extra.getInputStream();
                    int read;
                    try {
                        read = in.read();
                    } catch (SocketException e) {
                        read = -1;
                    }
                    assertThat(read).as("closed at once").isEqualTo(-1);
                }
            });
            assertThat(gateway.admin("/metrics").body())
                    .contains("turnpike_connections_refused_total{reason=\"client-cap\"}");
            held.remove(0).close();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(RawHttp.exchange(gateway.port(),
                    "GET /api/x HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n").status()).isEqualTo(200));
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
