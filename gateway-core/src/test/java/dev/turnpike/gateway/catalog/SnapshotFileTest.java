package dev.turnpike.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiKey;
import dev.turnpike.registry.model.ApiSpec;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.Target;
import dev.turnpike.registry.model.UpstreamPool;
import dev.turnpike.registry.store.VersionedCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFileTest {
    @TempDir
    Path dir;

    @Test
    void keepsTheCatalogItsVersionAndTheKeyHashes() throws IOException {
        Catalog catalog = new Catalog(List.of(TestCatalogs.api("orders", "/orders", "/",
                List.of(new Target("p", 1)), List.of(new Route("GET", "/{id}")))),
                List.of(UpstreamPool.of("p", List.of(new Instance("127.0.0.1", 8080, 1)))));
        ApiKey live = new ApiKey("k1", "shop", "tpk_abcd", ApiKey.hash("tpk_abcdsecret"),
                Instant.ofEpochMilli(1_700_000_000_000L), Optional.empty(), false);
        ApiKey revoked = new ApiKey("k2", "shop", "tpk_efgh", ApiKey.hash("tpk_efghsecret"),
                Instant.ofEpochMilli(1_700_000_000_001L), Optional.of(Instant.ofEpochMilli(1_800_000_000_000L)), true);
        SnapshotFile file = new SnapshotFile(dir);

        file.write(new VersionedCatalog(42, catalog, List.of(live, revoked)));

        assertThat(file.read()).contains(new VersionedCatalog(42, catalog, List.of(live, revoked)));
        assertThat(Files.readString(file.path())).doesNotContain("secret");
    }

    @Test
    void specsComeBackFromTheirOperationsWithoutParsingTheDocumentsAgain() throws IOException {
        ApiSpec spec = ApiSpec.parse("""
                openapi: 3.0.3
                info: { title: Orders, version: "1" }
                paths:
                  /orders/{id}:
                    parameters: [ { name: id, in: path, required: true, schema: { type: string } } ]
                    get: { operationId: getOrder, responses: { "200": { description: the order } } }
                """);
        Catalog catalog = new Catalog(List.of(Api.builder("orders", "t", "/orders").spec(spec)
                .targets(List.of(new Target("p", 1))).build(), Api.builder("again", "t", "/again").spec(spec)
                .targets(List.of(new Target("p", 1))).build()),
                List.of(UpstreamPool.of("p", List.of(new Instance("127.0.0.1", 8080, 1)))));
        SnapshotFile file = new SnapshotFile(dir);
        file.write(new VersionedCatalog(7, catalog));

        String text = Files.readString(file.path());
        assertThat(text.lines().filter(l -> l.startsWith("# spec "))).hasSize(1); // one line per document
        assertThat(file.read()).contains(new VersionedCatalog(7, catalog));

        // What the line says is what is read: proof the document was not parsed again.
        Files.writeString(file.path(), text.replace("getOrder", "fromTheLine"));
        assertThat(file.read().orElseThrow().catalog().api("orders").spec().orElseThrow().operations().get(0)
                .operationId()).contains("fromTheLine");
        // Without the lines (a file written before them), documents are parsed.
        Files.writeString(file.path(), text.lines().filter(l -> !l.startsWith("# spec "))
                .collect(java.util.stream.Collectors.joining("\n", "", "\n")));
        assertThat(file.read()).contains(new VersionedCatalog(7, catalog));
    }

    @Test
    void noFileIsNoSnapshotAndABrokenOneIsAnError() throws IOException {
        SnapshotFile file = new SnapshotFile(dir);
        assertThat(file.read()).isEmpty();

        Files.writeString(file.path(), "# turnpike catalog version: 3\n{\"apis\": [}\n");
        assertThatThrownBy(file::read).isInstanceOf(IOException.class).hasMessageContaining("not a valid catalog");
    }
}
