package dev.turnpike.loadtest.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.registry.file.CatalogFile;
import dev.turnpike.registry.model.Catalog;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scenarios' catalogs must be what the real gateway reads. */
class BenchCatalogTest {
    @TempDir
    Path dir;

    @Test
    void prefixCatalogIsValid() throws Exception {
        Catalog c = CatalogFile.read(BenchCatalog.prefixRoute(dir.resolve("p"), "127.0.0.1:9"));
        assertThat(c.apis()).singleElement().satisfies(api -> {
            assertThat(api.basePath()).isEqualTo("/bench");
            assertThat(api.routes()).singleElement().satisfies(r -> assertThat(r.path()).isEqualTo("/**"));
        });
        assertThat(c.pools().get(0).instances().get(0).address()).isEqualTo("127.0.0.1:9");
    }

    @Test
    void balancedPoolCatalogHasEveryInstanceAndTheBalancer() throws Exception {
        Catalog c = CatalogFile.read(BenchCatalog.balancedPool(dir.resolve("b"),
                java.util.List.of("127.0.0.1:9", "127.0.0.1:10"), "peak-ewma"));
        assertThat(c.pools().get(0).instances()).hasSize(2);
        assertThat(c.pools().get(0).balancer()).isEqualTo(dev.turnpike.registry.model.Balancer.PEAK_EWMA);
    }

    @Test
    void routesCatalogHasEveryRouteAndTheLastPathMatchesIt() throws Exception {
        Catalog c = CatalogFile.read(BenchCatalog.routes(dir.resolve("r"), "127.0.0.1:9", 1000));
        assertThat(c.apis().get(0).routes()).hasSize(1000);
        assertThat(c.apis().get(0).routes().get(999).path()).isEqualTo("/r999/items/{id}");
        assertThat(BenchCatalog.lastRoutePath(1000)).isEqualTo("/bench/r999/items/42");
    }

    @Test
    void parsesTheTotalOfAClassHistogram() {
        String histogram = """
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:         12345         987654  [B (java.base@17)
                Total         54321        7654321
                """;
        assertThat(JvmMemoryProbe.totalBytes(histogram)).isEqualTo(7654321L);
    }
}
