package dev.turnpike.gateway.balance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.registry.model.Balancer;
import dev.turnpike.registry.model.Instance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RoundRobinTest {

    private static List<Endpoint> endpoints(int... weights) {
        List<Endpoint> out = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            out.add(new Endpoint(new Instance(String.valueOf((char) ('a' + i)), 80, weights[i])));
        }
        return out;
    }

    private static String sequence(LoadBalancer lb, int picks, long now) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < picks; i++) {
            Endpoint e = lb.pick(now);
            sb.append(e == null ? "-" : e.instance().host());
        }
        return sb.toString();
    }

    @Test
    void followsNginxSmoothSequenceForWeights511() {
        LoadBalancer lb = LoadBalancer.create(Balancer.ROUND_ROBIN, endpoints(5, 1, 1));

        // nginx's documented example (ngx_http_upstream_round_robin.c): { a, a, b, a, c, a, a }
        assertThat(sequence(lb, 14, 0)).isEqualTo("aabacaa" + "aabacaa");
    }

    @Test
    void equalWeightsTakeTurns() {
        assertThat(sequence(LoadBalancer.create(Balancer.ROUND_ROBIN, endpoints(1, 1, 1)), 6, 0)).isEqualTo("abcabc");
        assertThat(sequence(LoadBalancer.create(Balancer.ROUND_ROBIN, endpoints(7, 7)), 4, 0)).isEqualTo("abab");
    }

    @Test
    void scheduleIsOneCycleOfTheReducedWeights() {
        assertThat(RoundRobin.schedule(new int[] {10, 2, 2})).containsExactly(0, 0, 1, 0, 2, 0, 0);
        assertThat(RoundRobin.schedule(new int[] {})).isEmpty();
    }

    @Test
    void boundsTheScheduleOfHugeCoprimeWeights() {
        int[] schedule = RoundRobin.schedule(new int[] {1_000_000, 999_999, 1});

        assertThat(schedule.length).isLessThanOrEqualTo(RoundRobin.MAX_SCHEDULE);
        long last = Arrays.stream(schedule).filter(i -> i == 2).count();
        long first = Arrays.stream(schedule).filter(i -> i == 0).count();
        assertThat(last).isEqualTo(1);
        assertThat((double) first / schedule.length).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void skipsEjectedEndpointsKeepingTheOthersProportions() {
        List<Endpoint> eps = endpoints(5, 2, 1);
        LoadBalancer lb = LoadBalancer.create(Balancer.ROUND_ROBIN, eps);
        eps.get(0).eject(Duration.ofSeconds(10), 0);

        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < 8 * 300; i++) {
            counts.merge(lb.pick(1).instance().host(), 1, Integer::sum);
        }

        assertThat(counts).containsOnlyKeys("b", "c");
        assertThat(counts.get("b")).isEqualTo(2 * counts.get("c"));
    }

    @Test
    void readmitsEndpointAfterItsEjection() {
        List<Endpoint> eps = endpoints(1, 1);
        LoadBalancer lb = LoadBalancer.create(Balancer.ROUND_ROBIN, eps);
        eps.get(0).eject(Duration.ofNanos(100), 0);

        assertThat(sequence(lb, 4, 50)).isEqualTo("bbbb");
        assertThat(sequence(lb, 4, 100)).isEqualTo("abab");
    }

    @Test
    void returnsNullWhenAllAreEjectedOrNoneExist() {
        List<Endpoint> eps = endpoints(3, 1);
        eps.forEach(e -> e.eject(Duration.ofSeconds(1), 0));

        assertThat(LoadBalancer.create(Balancer.ROUND_ROBIN, eps).pick(10)).isNull();
        assertThat(LoadBalancer.create(Balancer.ROUND_ROBIN, List.of()).pick(10)).isNull();
    }
}
