package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartTest {
    @TempDir
    Path dir;

    @Test
    void servesTheStoredCatalogAfterARestartWithoutCatalogFiles() throws Exception {
        try (TestUpstream upstream = TestUpstream.start("u")) {
            try (GatewayUnderTest first = GatewayUnderTest.start(dir, TestCatalogs.oneApi("/keep", "/",
                    TestCatalogs.pool("p", upstream)))) {
                assertThat(first.get("/keep/x").statusCode()).isEqualTo(200);
            }
            try (GatewayUnderTest second = GatewayUnderTest.start(dir, null)) {
                assertThat(second.get("/keep/x").statusCode()).isEqualTo(200);
                assertThat(second.server().routing().current().version()).isEqualTo(1);
            }
        }
    }
}
