package dev.turnpike.registry.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.registry.model.Catalog;
import org.junit.jupiter.api.Test;

class LargeCatalogFileTest {

    @Test
    void readsCatalogsLargerThanSnakeYamlsDefaultLimit() throws Exception {
        StringBuilder yaml = new StringBuilder(5_000_000).append("apis:\n");
        int apis = 15_000;
        for (int i = 0; i < apis; i++) {
            yaml.append("  - id: api-").append(i).append("\n    owner: team-").append(i % 50)
                    .append("\n    description: \"").append("d".repeat(150)).append("\"")
                    .append("\n    basePath: /api-").append(i)
                    .append("\n    targets: [ { pool: p, weight: 1 } ]\n");
        }
        yaml.append("pools:\n  - id: p\n    instances: [ \"127.0.0.1:8080\" ]\n");
        assertThat(yaml.length()).isGreaterThan(3 * 1024 * 1024);
        Catalog catalog = CatalogFile.parse(yaml.toString(), "large.yaml");
        assertThat(catalog.apis()).hasSize(apis);
    }
}
