package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.testing.GatewayProcess;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.file.CatalogFile;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/**
 * SIGTERM: the node stops accepting connections, lets the request in flight finish, flushes its (JSON) logs and
 * exits.
 */
class GracefulShutdownTest {
    @TempDir
    Path dir;

    @Test
    void finishesInFlightRequestsOnSigterm() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        try (TestUpstream slow = TestUpstream.start("slow", (req, res) -> {
            arrived.countDown();
            return Mono.delay(Duration.ofMillis(1500)).then(res.sendString(Mono.just("finished")).then());
        })) {
            Path catalog = dir.resolve("catalog.yaml");
            Files.writeString(catalog, CatalogFile.write(TestCatalogs.oneApi("/slow", "/", TestCatalogs.pool("s", slow))));
            GatewayProcess gateway = GatewayProcess.start(List.of("-Xmx128m"), "serve", "--port", "0",
                    "--admin-port", "0", "--data-dir", dir.resolve("data").toString(), "--catalog", catalog.toString(),
                    "--set", "public.host=127.0.0.1", "--set", "shutdownGrace=10s", "--set", "log.format=json");
            try {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gateway.port() + "/slow/x")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(arrived.await(30, TimeUnit.SECONDS)).as("request reached the upstream").isTrue();
                gateway.close(); // SIGTERM, waits for the exit
                HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("finished");
                assertThat(gateway.isAlive()).isFalse();
                assertThat(refused(gateway.port())).isTrue();
                assertThat(gateway.output().lines().filter(l -> l.contains("Turnpike stopped")))
                        .as("JSON log lines, flushed at exit")
                        .singleElement().asString().startsWith("{").contains("\"level\":\"INFO\"");
            } finally {
                gateway.close();
            }
        }
    }

    private static boolean refused(int port) throws Exception {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return false;
        } catch (ConnectException e) {
            return true;
        }
    }
}
