package dev.turnpike.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.registry.model.Balancer;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.UpstreamPool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A connection whose upstream does not send the response headers within the pool's {@code responseTimeout} is
 * closed, never handed to the next request (Reactor Netty's response timeout fails the exchange mid-response, and an
 * exchange that did not complete is not returned to the pool).
 */
class ResponseTimeoutConnectionTest {
    @TempDir
    Path dir;

    @Test
    void aConnectionThatMissedTheResponseTimeoutIsClosedNotReused() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        AtomicInteger requests = new AtomicInteger();
        DisposableServer upstream = HttpServer.create().host("127.0.0.1").port(0)
                .doOnConnection(c -> {
                    opened.incrementAndGet();
                    c.onDispose(closed::incrementAndGet);
                })
                // The first request hangs far past the gateway's limit; later ones answer at once.
                .handle((req, res) -> requests.incrementAndGet() == 1
                        ? Mono.delay(Duration.ofSeconds(30)).then(res.sendString(Mono.just("late")).then())
                        : res.sendString(Mono.just("fast")).then())
                .bindNow();
        try {
            UpstreamPool pool = new UpstreamPool("slow", List.of(new Instance("127.0.0.1", upstream.port(), 1)),
                    Balancer.LEAST_OUTSTANDING, false, TestCatalogs.responseTimeout(Duration.ofMillis(500)));
            try (GatewayUnderTest gw = GatewayUnderTest.start(dir, TestCatalogs.oneApi("/t", "/", pool,
                    Route.prefix()))) {
                assertThat(gw.get("/t/x").statusCode()).isEqualTo(504);
                // The gateway closed the timed-out connection: the upstream sees it go.
                await().atMost(Duration.ofSeconds(10)).until(() -> closed.get() == 1);

                assertThat(gw.get("/t/x").body()).isEqualTo("fast");
                assertThat(opened.get()).isEqualTo(2);
            }
        } finally {
            upstream.disposeNow(Duration.ofSeconds(2));
        }
    }
}
