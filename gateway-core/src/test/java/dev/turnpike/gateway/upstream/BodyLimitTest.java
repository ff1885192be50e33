package dev.turnpike.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.model.ApiPolicies;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Criticality;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code policies.bodyLimit}: 413 before reading when the length is declared, mid-stream otherwise. */
class BodyLimitTest {
    @TempDir
    Path dir;

    @Test
    void bodiesOverTheApisLimitAre413DeclaredOrStreamed() throws Exception {
        try (TestUpstream upstream = TestUpstream.start("u")) {
            Catalog catalog = new Catalog(List.of(
                    Apis.api("small", Criticality.STANDARD, ApiPolicies.NONE.withBodyLimit(100)),
                    Apis.api("big", Criticality.STANDARD, ApiPolicies.NONE)),
                    List.of(Apis.pool("small", upstream), Apis.pool("big", upstream)));
            try (GatewayUnderTest gw = GatewayUnderTest.start(dir, catalog)) {
                String body = "x".repeat(200);
                HttpResponse<String> declared = GatewayUnderTest.send(HttpRequest.newBuilder(gw.uri("/small/x"))
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
                assertThat(declared.statusCode()).isEqualTo(413);
                assertThat(declared.body()).contains("https://turnpike.dev/problems/body-too-large",
                        "at most 100");
                assertThat(upstream.poll(Duration.ofMillis(300))).as("refused before reading").isNull();

                HttpResponse<String> streamed = GatewayUnderTest.send(HttpRequest.newBuilder(gw.uri("/small/x"))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes()))));
                assertThat(streamed.statusCode()).isEqualTo(413);

                assertThat(GatewayUnderTest.send(HttpRequest.newBuilder(gw.uri("/small/x"))
                        .POST(HttpRequest.BodyPublishers.ofString("x".repeat(100)))).statusCode()).isEqualTo(200);
                assertThat(GatewayUnderTest.send(HttpRequest.newBuilder(gw.uri("/big/x"))
                        .POST(HttpRequest.BodyPublishers.ofString(body))).statusCode()).isEqualTo(200);
            }
        }
    }
}
