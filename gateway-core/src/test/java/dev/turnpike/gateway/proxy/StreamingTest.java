package dev.turnpike.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.testing.GatewayProcess;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.file.CatalogFile;
import dev.turnpike.registry.model.Catalog;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * 200 MB up and 200 MB down through a gateway whose JVM has a 64 MB heap and 64 MB of direct memory: if the proxy
 * buffered a body whole, the transfer could not succeed.
 */
class StreamingTest {
    private static final int CHUNK = 64 * 1024;
    private static final int CHUNKS = 3200; // 200 MiB
    private static final long TOTAL = (long) CHUNK * CHUNKS;
    private static final byte[] DATA = new byte[CHUNK];

    @TempDir
    static Path dir;

    static TestUpstream upstream;
    static GatewayProcess gateway;

    @BeforeAll
    static void start() throws Exception {
        upstream = TestUpstream.start("bulk", (req, res) -> {
            if (req.method().name().equals("POST")) {
                return TestUpstream.countBytes(req).flatMap(n -> res.sendString(Mono.just(Long.toString(n))).then());
            }
            return res.header("content-length", Long.toString(TOTAL))
                    .send(Flux.range(0, CHUNKS).map(i -> Unpooled.wrappedBuffer(DATA))).then();
        });
        Catalog catalog = TestCatalogs.oneApi("/bulk", "/", TestCatalogs.pool("bulk", upstream));
        Path file = dir.resolve("catalog.yaml");
        Files.writeString(file, CatalogFile.write(catalog));
        gateway = GatewayProcess.start(List.of("-Xmx64m", "-XX:MaxDirectMemorySize=64m",
                        "-Dio.netty.leakDetection.level=paranoid"),
                "serve", "--port", "0", "--admin-port", "0", "--data-dir", dir.resolve("data").toString(),
                "--catalog", file.toString(), "--set", "public.host=127.0.0.1", "--set", "limits.maxBodySize=1GB",
                "--set", "accessLog=false");
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
            assertThat(gateway.output()).doesNotContain("LEAK:").doesNotContain("OutOfMemoryError");
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private static HttpClient client() {
        return HttpClient.create().baseUrl("http://127.0.0.1:" + gateway.port()).responseTimeout(Duration.ofSeconds(60));
    }

    @Test
    void streams200MegabytesUpThroughA64MegabyteHeap() {
        Flux<ByteBuf> body = Flux.range(0, CHUNKS).map(i -> Unpooled.wrappedBuffer(DATA));
        String received = client()
                .headers(h -> h.set("content-length", Long.toString(TOTAL)))
                .post().uri("/bulk/upload")
                .send(body)
                .responseSingle((res, content) -> content.asString())
                .block(Duration.ofSeconds(120));
        assertThat(received).isEqualTo(Long.toString(TOTAL));
    }

    @Test
    void streams200MegabytesDownThroughA64MegabyteHeap() {
        Long received = client().get().uri("/bulk/download")
                .responseContent()
                .map(ByteBuf::readableBytes)
                .reduce(0L, (a, b) -> a + b)
                .block(Duration.ofSeconds(120));
        assertThat(received).isEqualTo(TOTAL);
    }
}
