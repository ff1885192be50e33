package dev.turnpike.registry.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.registry.file.CatalogEntities.Format;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Subscription;
import dev.turnpike.registry.model.UpstreamPool;
import org.junit.jupiter.api.Test;

class CatalogEntitiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void apiJsonRoundTripsThroughTheFileRepresentation() throws Exception {
        String text = """
                {"id": "products", "owner": "catalog", "basePath": "/products/v1",
                 "policies": {"timeout": "2s", "retry": {"attempts": 2, "on": ["connect-failure", 503]}},
                 "targets": [{"pool": "blue", "weight": 95}, {"pool": "green", "weight": 5}]}
                """;
        Api api = CatalogEntities.readApi(text, Format.JSON);
        assertThat(api.targets()).hasSize(2);

        String written = JSON.writeValueAsString(CatalogEntities.write(api));
        assertThat(CatalogEntities.readApi(written, Format.JSON)).isEqualTo(api);
        assertThat(CatalogEntities.readApi(written, Format.YAML)).isEqualTo(api); // JSON is YAML too
    }

    @Test
    void reportsEveryProblemWithItsJsonPointer() {
        String text = """
                {"id": "Bad Id", "owner": "catalog", "basePath": "/p", "colour": "red",
                 "policies": {"timeout": "soon"}, "targets": [{"pool": "blue", "weight": -1}]}
                """;
        assertThatThrownBy(() -> CatalogEntities.readApi(text, Format.JSON))
                .isInstanceOfSatisfying(CatalogFileException.class, e -> assertThat(e.violations())
                        .extracting(CatalogFileException.Violation::path)
                        .contains("/id", "/colour", "/policies/timeout", "/targets/0/weight"));
    }

    @Test
    void malformedJsonIsOneViolationAtTheRoot() {
        assertThatThrownBy(() -> CatalogEntities.readTeam("{\"id\": ", Format.JSON))
                .isInstanceOfSatisfying(CatalogFileException.class, e -> {
                    assertThat(e.violations()).hasSize(1);
                    assertThat(e.violations().get(0).path()).isEmpty();
                    assertThat(e.violations().get(0).message()).startsWith("not valid JSON");
                });
    }

    @Test
    void readsPoolsAndSubscriptionsAsTheFileDoes() throws Exception {
        UpstreamPool pool = CatalogEntities.readPool("id: blue\ninstances: [\"10.0.0.1:8080\"]\n", Format.YAML);
        assertThat(pool.instances()).hasSize(1);
        assertThat(CatalogEntities.readPool(JSON.writeValueAsString(CatalogEntities.write(pool)), Format.JSON))
                .isEqualTo(pool);

        Subscription s = CatalogEntities.readSubscription("web", "{\"api\": \"products\", \"plan\": {\"perSecond\": 5}}",
                Format.JSON);
        assertThat(s.consumer()).isEqualTo("web");
        assertThat(s.plan().orElseThrow().burst()).isEqualTo(5);
        assertThat(CatalogEntities.write(s)).containsKeys("api", "plan", "direct");
    }

    @Test
    void pointerEscapesAndFlattensPaths() {
        assertThat(CatalogEntities.pointer("(root)")).isEmpty();
        assertThat(CatalogEntities.pointer("policies.retry.on[1]")).isEqualTo("/policies/retry/on/1");
    }
}
