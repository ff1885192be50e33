package dev.turnpike.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves without a clock that a lookup costs the same in a huge table as in a small one, by counting the trie
 * nodes entered and hash slots probed ({@link MatchCost}).
 */
class RouteTableScaleTest {
    private static RouteTable<Integer> small;
    private static RouteTable<Integer> large;

    @BeforeAll
    static void buildTables() {
        small = table(50);
        large = table(50_000);
    }

    /** {@code apis} APIs with two routes each: a static page and a templated item route, in that order. */
    private static RouteTable<Integer> table(int apis) {
        RouteTable.Builder<Integer> b = RouteTable.builder();
        for (int i = 0; i < apis; i++) {
            b.add(Optional.empty(), "GET", "/static" + i + "/index.html", 2 * i);
            b.add(Optional.empty(), "GET", "/api" + i + "/v1/items/{id}", 2 * i + 1);
        }
        return b.build();
    }

    @Test
    void matchingTheLastRouteCostsTheSameIn100kRoutesAsIn100() {
        assertThat(small.size()).isEqualTo(100);
        assertThat(large.size()).isEqualTo(100_000);

        MatchCost smallCost = small.matchCost("h", "GET", "/api49/v1/items/7");
        MatchCost largeCost = large.matchCost("h", "GET", "/api49999/v1/items/7");
        assertThat(large.match("h", "GET", "/api49999/v1/items/7").value()).isEqualTo(99_999);

        assertThat(largeCost.nodes).isEqualTo(smallCost.nodes);
        // Hash tables stay at most half full: a few slot comparisons per segment whatever the size.
        assertThat(largeCost.total()).isLessThanOrEqualTo(smallCost.total() + 4);
    }

    @Test
    void missCostsTheSameIn100kRoutesAsIn100() {

        MatchCost smallCost = small.matchCost("h", "GET", "/nope/v1/items/7");
        MatchCost largeCost = large.matchCost("h", "GET", "/nope/v1/items/7");

        assertThat(large.match("h", "GET", "/nope/v1/items/7")).isNull();
        assertThat(largeCost.nodes).isEqualTo(smallCost.nodes);
        assertThat(largeCost.total()).isLessThanOrEqualTo(smallCost.total() + 4);
    }

    @Test
    void averageCostOverManyRoutesStaysConstant() {
        long total = 0;
        int samples = 0;
        for (int i = 0; i < 50_000; i += 7) {
            total += large.matchCost("h", "GET", "/api" + i + "/v1/items/" + i).total();
            samples++;
        }
        MatchCost one = table(1).matchCost("h", "GET", "/api0/v1/items/0");
        assertThat((double) total / samples).isLessThan(one.total() + 2.0);
    }

    @Test
    void everySampledRouteOf100kMatches() {

        for (int i = 0; i < 50_000; i += 97) {
            RouteMatch<Integer> item = large.match("h", "GET", "/api" + i + "/v1/items/x" + i);
            assertThat(item.value()).isEqualTo(2 * i + 1);
            assertThat(item.template()).isEqualTo("/api" + i + "/v1/items/{id}");
            assertThat(item.pathParams("/api" + i + "/v1/items/x" + i)).containsEntry("id", "x" + i);
            assertThat(large.match("h", "GET", "/static" + i + "/index.html").value()).isEqualTo(2 * i);
            assertThat(large.match("h", "GET", "/static" + i + "/other.html")).isNull();
            assertThat(large.match("h", "POST", "/api" + i + "/v1/items/1")).isNull();
        }
        assertThat(large.match("h", "GET", "/api50000/v1/items/1")).isNull();
    }
}
