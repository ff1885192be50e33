package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A client that resets its connection (as load generators do at the end of a run) while its request waits for the
 * upstream or while its body uploads is logged as 499 and counted as cancelled; in the middle of a streamed answer it
 * is logged with the bytes that went out. None of them is an error "failed inside the gateway".
 */
class ClientAbortTest {
    @TempDir
    Path dir;

    @Test
    void aClientResetIsA499OrACutAnswerNeverAGatewayError() throws Exception {
        Logger accessLogger = (Logger) LoggerFactory.getLogger("turnpike.access");
        Logger handlerLogger = (Logger) LoggerFactory.getLogger(GatewayHandler.class);
        ListAppender<ILoggingEvent> access = new ListAppender<>();
        ListAppender<ILoggingEvent> errors = new ListAppender<>();
        access.list = new java.util.concurrent.CopyOnWriteArrayList<>(); // appended from event loops
        access.start();
        errors.list = new java.util.concurrent.CopyOnWriteArrayList<>(); // appended from event loops
        errors.start();
        accessLogger.addAppender(access);
        handlerLogger.addAppender(errors);
        try (TestUpstream upstream = TestUpstream.start("slow", (req, res) -> req.uri().endsWith("/late")
                ? res.sendString(Mono.delay(Duration.ofMillis(500)).map(i -> "late\n"))
                : req.uri().endsWith("/upload") ? req.receive().then(res.sendString(Mono.just("stored\n")).then())
                : res.sendString(Flux.interval(Duration.ofMillis(20)).take(500).map(i -> "chunk " + i + "\n")));
             GatewayUnderTest gw = GatewayUnderTest.start(dir, TestCatalogs.oneApi("/t", "/",
                     TestCatalogs.pool("p", upstream)))) {
            for (int n = 0; n < 3; n++) {
                try (Socket socket = new Socket("127.0.0.1", gw.port())) {
                    socket.getOutputStream().write("GET /t/stream HTTP/1.1\r\nHost: gw\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    InputStream in = socket.getInputStream();
                    byte[] buf = new byte[256];
                    assertThat(in.read(buf)).isPositive(); // the answer has started
                    socket.setSoLinger(true, 0); // close with a reset
                }
            }
            for (int n = 0; n < 3; n++) {
                try (Socket socket = new Socket("127.0.0.1", gw.port())) {
                    socket.getOutputStream().write("GET /t/late HTTP/1.1\r\nHost: gw\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    Thread.sleep(100); // the request is with the upstream
                    socket.setSoLinger(true, 0);
                }
            }
            for (int n = 0; n < 3; n++) {
                try (Socket socket = new Socket("127.0.0.1", gw.port())) {
                    socket.getOutputStream().write(("POST /t/upload HTTP/1.1\r\nHost: gw\r\nContent-Length: 100000"
                            + "\r\n\r\n" + "x".repeat(1000)).getBytes(StandardCharsets.US_ASCII));
                    Thread.sleep(100); // the request and part of its body are with the upstream
                    socket.setSoLinger(true, 0);
                }
            }
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(access.list).filteredOn(e -> e.getFormattedMessage().contains("\"GET /t/stream\""))
                        .hasSize(3); // answered 200 and cut: logged with the bytes that went out
                assertThat(access.list).filteredOn(e -> e.getFormattedMessage().contains("\"GET /t/late\" 499"))
                        .hasSize(3);
                assertThat(access.list).filteredOn(e -> e.getFormattedMessage().contains("\"POST /t/upload\" 499"))
                        .hasSize(3);
            });
            assertThat(errors.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).isEmpty();
            assertThat(gw.admin("/metrics").body())
                    .contains("turnpike_requests_seconds_count{api=\"test\",method=\"GET\",status=\"cancelled\"} 3")
                    .contains("turnpike_requests_seconds_count{api=\"test\",method=\"POST\",status=\"cancelled\"} 3");
        } finally {
            accessLogger.detachAppender(access);
            handlerLogger.detachAppender(errors);
        }
    }
}
