package dev.turnpike.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void rendersAPaddedMarkdownTableWithItsNotes() {
        Table t = new Table("proxy", List.of("target", "req/s"))
                .row(List.of("direct", "100,000"))
                .row(List.of("gateway", "9"))
                .note("median of 3 runs");
        assertThat(t.toMarkdown()).isEqualTo("""
                #### proxy

                | target  | req/s   |
                | ------- | ------- |
                | direct  | 100,000 |
                | gateway | 9       |

                median of 3 runs \s
                """);
    }

    @Test
    void escapesPipesAndNewlinesSoACellCannotBreakTheTable() {
        String md = new Table("t", List.of("a")).row(List.of("x|y\nz")).toMarkdown();
        assertThat(md).contains("| x\\|y z |");
    }

    @Test
    void rejectsARowWithTheWrongNumberOfCells() {
        Table t = new Table("t", List.of("a", "b"));
        assertThatThrownBy(() -> t.row(List.of("only one"))).hasMessage("cells: 1 (expected: 2, one per column)");
    }
}
