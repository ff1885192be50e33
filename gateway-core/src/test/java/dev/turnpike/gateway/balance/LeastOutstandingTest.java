package dev.turnpike.gateway.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.turnpike.registry.model.Instance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LeastOutstandingTest {
    private static final int PICKS = 100_000;

    private static List<Endpoint> endpoints(int... weights) {
        List<Endpoint> out = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            out.add(new Endpoint(new Instance(String.valueOf((char) ('a' + i)), 80, weights[i])));
        }
        return out;
    }

    private static LeastOutstanding seeded(List<Endpoint> eps) {
        SplittableRandom random = new SplittableRandom(42);
        return new LeastOutstanding(eps, () -> random);
    }

    private static Map<String, Integer> count(LoadBalancer lb, int picks, long now) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < picks; i++) {
            Endpoint e = lb.pick(now);
            counts.merge(e == null ? "-" : e.instance().host(), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void idleEndpointsArePickedInProportionToWeight() {
        Map<String, Integer> counts = count(seeded(endpoints(1, 2, 3, 4)), PICKS, 0);

        assertThat(counts.get("a") / (double) PICKS).isCloseTo(0.1, offset(0.01));
        assertThat(counts.get("b") / (double) PICKS).isCloseTo(0.2, offset(0.01));
        assertThat(counts.get("c") / (double) PICKS).isCloseTo(0.3, offset(0.01));
        assertThat(counts.get("d") / (double) PICKS).isCloseTo(0.4, offset(0.01));
    }

    @Test
    void prefersTheEndpointWithFewerRequestsInFlight() {
        List<Endpoint> eps = endpoints(1, 1);
        for (int i = 0; i < 3; i++) {
            eps.get(0).onStart();
        }

        assertThat(count(seeded(eps), 1_000, 0)).containsExactly(Map.entry("b", 1_000));
    }

    @Test
    void comparesInFlightRelativeToWeight() {
        List<Endpoint> eps = endpoints(4, 1);
        for (int i = 0; i < 3; i++) {
            eps.get(0).onStart(); // 3/4 busy
        }
        eps.get(1).onStart(); // 1/1 busy

        assertThat(count(seeded(eps), 1_000, 0)).containsExactly(Map.entry("a", 1_000));
    }

    @Test
    void spreadsLoadWhenRequestsStayInFlight() {
        List<Endpoint> eps = endpoints(1, 1, 1, 1);
        LoadBalancer lb = seeded(eps);

        for (int i = 0; i < 400; i++) {
            lb.pick(0).onStart();
        }

        // Two random choices keep the most loaded endpoint close to the mean (100), unlike random choice.
        assertThat(eps).allSatisfy(e -> assertThat(e.inFlight()).isBetween(90, 110));
    }

    @Test
    void skipsEjectedEndpointsAndReadmitsThemLater() {
        List<Endpoint> eps = endpoints(1, 1, 1);
        LoadBalancer lb = seeded(eps);
        eps.get(1).eject(Duration.ofNanos(1_000), 0);

        Map<String, Integer> during = count(lb, 30_000, 999);
        Map<String, Integer> after = count(lb, 30_000, 1_000);

        assertThat(during).containsOnlyKeys("a", "c");
        assertThat(during.get("a") / 30_000.0).isCloseTo(0.5, offset(0.02));
        assertThat(after.get("b") / 30_000.0).isCloseTo(1 / 3.0, offset(0.02));
    }

    @Test
    void fallsBackToTheAvailableOneWhenMostAreEjected() {
        List<Endpoint> eps = endpoints(1, 1, 1, 1, 1);
        for (int i = 0; i < 4; i++) {
            eps.get(i).eject(Duration.ofSeconds(1), 0);
        }

        assertThat(count(seeded(eps), 1_000, 1)).containsExactly(Map.entry("e", 1_000));
    }

    @Test
    void returnsNullWhenAllAreEjectedOrNoneExist() {
        List<Endpoint> eps = endpoints(1, 2);
        eps.forEach(e -> e.eject(Duration.ofSeconds(1), 0));
        List<Endpoint> single = endpoints(1);
        single.get(0).eject(Duration.ofSeconds(1), 0);

        assertThat(seeded(eps).pick(1)).isNull();
        assertThat(seeded(single).pick(1)).isNull();
        assertThat(seeded(List.of()).pick(1)).isNull();
        assertThat(seeded(endpoints(5)).pick(1).instance().host()).isEqualTo("a");
    }
}
