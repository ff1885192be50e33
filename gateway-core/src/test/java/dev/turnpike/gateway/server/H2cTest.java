package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.util.function.Tuple2;

class H2cTest {
    @TempDir
    Path dir;

    @Test
    void servesHttp2WithPriorKnowledgeAndForwardsAsHttp11WhenTurnedOn() {
        try (TestUpstream upstream = TestUpstream.start("u");
             GatewayUnderTest gw = GatewayUnderTest.start(dir, TestCatalogs.oneApi("/h2", "/",
                     TestCatalogs.pool("p", upstream)), Map.of("public.h2c", "true"))) {
            HttpClient h2 = HttpClient.create().protocol(HttpProtocol.H2C)
                    .baseUrl("http://127.0.0.1:" + gw.port());
            Tuple2<String, String> got = h2.headers(h -> h.set("x-test", "1"))
                    .post().uri("/h2/items?x=1")
                    .send(reactor.netty.ByteBufFlux.fromString(Mono.just("payload")))
                    .responseSingle((res, body) -> body.asString().map(b -> reactor.util.function.Tuples.of(
                            res.version().text() + " " + res.status().code(), b)))
                    .block(Duration.ofSeconds(10));
            assertThat(got.getT1()).isEqualTo("HTTP/2.0 200");
            assertThat(got.getT2()).contains("\"uri\":\"/items?x=1\"");
            TestUpstream.Seen seen = upstream.take();
            assertThat(seen.body()).isEqualTo("payload");
            assertThat(seen.headers().get("x-test")).isEqualTo("1");
            assertThat(seen.headers().get("x-forwarded-host")).isEqualTo("127.0.0.1:" + gw.port());
        }
    }

    @Test
    void isOffByDefault() {
        try (TestUpstream upstream = TestUpstream.start("u");
             GatewayUnderTest gw = GatewayUnderTest.start(dir, TestCatalogs.oneApi("/h2", "/",
                     TestCatalogs.pool("p", upstream)))) {
            HttpClient h2 = HttpClient.create().protocol(HttpProtocol.H2C)
                    .baseUrl("http://127.0.0.1:" + gw.port());
            String got = h2.get().uri("/h2/items")
                    .responseSingle((res, body) -> Mono.just(res.version().text() + " " + res.status().code()))
                    .onErrorResume(e -> Mono.just("refused: " + e.getClass().getSimpleName()))
                    .block(Duration.ofSeconds(10));
            assertThat(got).as("the HTTP/2 preface is not a request of the plain HTTP/1.1 listener")
                    .doesNotStartWith("HTTP/2.0");
            HttpClient h1 = HttpClient.create().baseUrl("http://127.0.0.1:" + gw.port());
            assertThat(h1.get().uri("/h2/items").responseSingle((res, body) -> Mono.just(res.status().code()))
                    .block(Duration.ofSeconds(10))).isEqualTo(200);
            assertThat(upstream.take().uri()).isEqualTo("/items");
        }
    }
}
