package dev.turnpike.gateway.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.RawEchoUpstream;
import dev.turnpike.gateway.testing.RawHttp;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiPolicies;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.EncodedSlashes;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.Target;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The raw-socket conformance suite: every {@link ConformanceCases case} sends its exact bytes on a fresh connection
 * to a real node whose upstream is a {@link RawEchoUpstream}, then checks the responses (status, problem type, order),
 * whether the connection was closed, and exactly what reached the upstream, so a forwarded bad request or a
 * desynchronised connection fails the case.
 */
class ConformanceTest {
    @TempDir
    static Path dir;

    static RawEchoUpstream upstream;
    static GatewayUnderTest gateway;

    @BeforeAll
    static void start() {
        upstream = RawEchoUpstream.start();
        Catalog api = TestCatalogs.oneApi("/api", "/", upstream.pool("raw"), new Route[0]);
        Api files = Api.builder("files", "test-team", "/files").upstreamBasePath("/")
                .policies(ApiPolicies.NONE.withPublicAccess(true).withEncodedSlashes(EncodedSlashes.PASS))
                .targets(List.of(new Target("raw", 1)))
                .routes(List.of(new Route("GET", "/items/{id}"), new Route("*", "/raw/**"))).build();
        gateway = GatewayUnderTest.start(dir, new Catalog(List.of(api.apis().get(0), files), api.pools()),
                Map.of("limits.maxRequestLine", "512", "limits.maxHeaderSize", "2KB", "limits.maxHeaders", "20",
                        "limits.maxBodySize", "1KB"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    @TestFactory
    Stream<DynamicTest> conformance() {
        List<ConformanceCase> cases = ConformanceCases.all();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(80);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> run(c)));
    }

    private static void run(ConformanceCase c) throws Exception {
        upstream.drain(Duration.ZERO);
        List<RawHttp.Response> responses = new ArrayList<>();
        boolean closed;
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(c.bytes().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < c.statuses().size(); i++) {
                responses.add(RawHttp.read(in));
            }
            socket.setSoTimeout(c.closed() ? 5_000 : 300);
            closed = closedByPeer(in);
        }
        assertThat(responses).extracting(RawHttp.Response::status).as("statuses")
                .containsExactlyElementsOf(c.statuses());
        RawHttp.Response last = responses.get(responses.size() - 1);
        if (c.problem() != null) {
            assertThat(last.header("content-type")).isEqualTo("application/problem+json");
            assertThat(last.body()).contains("\"type\":\"https://turnpike.dev/problems/" + c.problem() + "\"");
        }
        assertThat(closed).as("connection closed by the gateway").isEqualTo(c.closed());
        List<RawEchoUpstream.Received> received = upstream.drain(Duration.ofMillis(c.forwarded() > 0 ? 2000 : 100));
        while (received.size() < c.forwarded()) {
            List<RawEchoUpstream.Received> more = upstream.drain(Duration.ofMillis(2000));
            if (more.isEmpty()) {
                break;
            }
            received.addAll(more);
        }
        assertThat(received).as("requests the upstream received").hasSize(c.forwarded());
        c.check().accept(received);
    }

    private static boolean closedByPeer(InputStream in) throws Exception {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }
}
