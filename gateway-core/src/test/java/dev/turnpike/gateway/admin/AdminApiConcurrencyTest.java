package dev.turnpike.gateway.admin;

import static dev.turnpike.gateway.admin.AdminClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Team;
import dev.turnpike.registry.store.CatalogChange;
import dev.turnpike.registry.store.VersionedCatalog;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes based on a stale catalog (another writer changed the store, and this node has not polled yet): the node
 * reloads, re-checks the request against the newer catalog and retries.
 */
class AdminApiConcurrencyTest {
    @TempDir
    Path dir;

    GatewayUnderTest gateway;
    AdminClient admin;

    @BeforeEach
    void start() {
        Map<String, String> settings = new HashMap<>(AdminClient.TOKENS);
        settings.put("store.pollInterval", "1h"); // this node learns of other writers only when a write is stale
        gateway = GatewayUnderTest.start(dir, new Catalog(List.of(new Team("a", "A", "", "")), List.of(), List.of(),
                List.of(), List.of()), settings);
        admin = new AdminClient(gateway);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void aWriteOnAStaleCatalogIsRetriedOnTheNewerOneKeepingTheOtherWrite() throws Exception {
        writeBehindTheNodesBack(new CatalogChange.PutTeam(new Team("b", "B", "", "")));

        HttpResponse<String> created = admin.send("POST", "/admin/v1/teams", "{\"id\": \"c\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(gateway.store().load().catalog().teams()).extracting(Team::id).containsExactly("a", "b", "c");
        assertThat(gateway.server().routing().current().version()).isEqualTo(gateway.store().version());
    }

    @Test
    void ifMatchIsCheckedAgainOnTheNewerCatalog() throws Exception {
        HttpResponse<String> read = admin.get("/admin/v1/teams/a");
        String etag = read.headers().firstValue("ETag").orElseThrow();
        writeBehindTheNodesBack(new CatalogChange.PutTeam(new Team("a", "A renamed", "", "")));

        HttpResponse<String> put = admin.send("PUT", "/admin/v1/teams/a", "{\"id\": \"a\", \"name\": \"Mine\"}",
                "application/json", Map.of("If-Match", etag));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(412);
        assertThat(json(admin.get("/admin/v1/teams/a")).get("name").asText()).isEqualTo("A renamed");
        assertThat(gateway.store().load().catalog().teams().get(0).name()).isEqualTo("A renamed");
    }

    @Test
    void aPostOfAnIdAnotherWriterCreatedMeanwhileIs409() throws Exception {
        writeBehindTheNodesBack(new CatalogChange.PutTeam(new Team("b", "B", "", "")));
        assertThat(admin.send("POST", "/admin/v1/teams", "{\"id\": \"b\"}").statusCode()).isEqualTo(409);
    }

    private void writeBehindTheNodesBack(CatalogChange change) {
        VersionedCatalog stored = gateway.store().load();
        gateway.store().apply(stored, List.of(change), "other-node");
        assertThat(gateway.server().routing().current().version()).isLessThan(gateway.store().version());
    }
}
