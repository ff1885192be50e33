package dev.turnpike.gateway.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Span export over OTLP/HTTP to an in-test collector (a Reactor Netty server on port 0 that keeps each protobuf
 * body): the gateway's span carries the caller's trace id, its parent span id and the API's name; without an
 * endpoint nothing is sent.
 */
class OtlpExportTest {
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_ID = "00f067aa0ba902b7";

    @TempDir
    Path dir;

    TestUpstream upstream;
    DisposableServer collector;
    final List<byte[]> exported = new CopyOnWriteArrayList<>();
    final List<String> paths = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        upstream = TestUpstream.start("u");
        collector = HttpServer.create().host("127.0.0.1").port(0)
                .handle((req, res) -> req.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0])
                        .flatMap(body -> {
                            paths.add(req.method() + " " + req.uri() + " " + req.requestHeaders().get("content-type"));
                            exported.add(body);
                            return res.header("content-type", "application/x-protobuf").send().then();
                        }))
                .bindNow();
    }

    @AfterEach
    void stop() {
        collector.disposeNow();
        upstream.close();
    }

    private GatewayUnderTest gateway(Map<String, String> settings) {
        return GatewayUnderTest.start(dir, TestCatalogs.oneApi("/t", "/", TestCatalogs.pool("p", upstream)), settings);
    }

    private static void call(GatewayUnderTest gateway) throws Exception {
        GatewayUnderTest.send(HttpRequest.newBuilder(gateway.uri("/t/x"))
                .header("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01"));
    }

    @Test
    void exportsTheRequestsSpanWithTheCallersTraceAndParent() throws Exception {
        try (GatewayUnderTest gateway = gateway(Map.of("tracing.otlp.endpoint",
                "http://127.0.0.1:" + collector.port() + "/v1/traces", "tracing.serviceName", "edge-test"))) {
            call(gateway);
            String gatewaySpan = upstream.take().headers().get("traceparent").substring(36, 52);
            gateway.close(); // shutting down sends what is queued
            assertThat(exported).isNotEmpty();
            byte[] all = concat(exported);
            assertThat(paths.get(0)).startsWith("POST /v1/traces application/x-protobuf");
            assertThat(indexOf(all, HexFormat.of().parseHex(TRACE_ID))).isNotNegative();
            assertThat(indexOf(all, HexFormat.of().parseHex(PARENT_ID))).isNotNegative();
            assertThat(indexOf(all, HexFormat.of().parseHex(gatewaySpan))).isNotNegative();
            assertThat(indexOf(all, "GET test".getBytes(StandardCharsets.UTF_8))).isNotNegative();
            assertThat(indexOf(all, "edge-test".getBytes(StandardCharsets.UTF_8))).isNotNegative();
        }
    }

    @Test
    void withoutAnEndpointNothingIsExported() throws Exception {
        try (GatewayUnderTest gateway = gateway(Map.of())) {
            call(gateway);
            upstream.take();
        }
        assertThat(exported).isEmpty();
    }

    private static byte[] concat(List<byte[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
