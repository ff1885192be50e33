package dev.turnpike.gateway.balance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.registry.model.Instance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PeakEwmaBalancerTest {
    private static final long MS = 1_000_000L;

    private static List<Endpoint> endpoints(int... weights) {
        List<Endpoint> out = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            out.add(new Endpoint(new Instance(String.valueOf((char) ('a' + i)), 80, weights[i])));
        }
        return out;
    }

    private static PeakEwmaBalancer seeded(List<Endpoint> eps) {
        SplittableRandom random = new SplittableRandom(7);
        return new PeakEwmaBalancer(eps, () -> random);
    }

    @Test
    void prefersTheFasterEndpoint() {
        List<Endpoint> eps = endpoints(1, 1);
        eps.get(0).record(CallOutcome.SUCCESS, 50 * MS, 0);
        eps.get(1).record(CallOutcome.SUCCESS, 5 * MS, 0);
        PeakEwmaBalancer lb = seeded(eps);

        for (int i = 0; i < 100; i++) {
            assertThat(lb.pick(0)).isSameAs(eps.get(1));
        }
    }

    @Test
    void weighsLatencyByRequestsInFlight() {
        List<Endpoint> eps = endpoints(1, 1);
        eps.get(0).record(CallOutcome.SUCCESS, 10 * MS, 0);
        eps.get(1).record(CallOutcome.SUCCESS, 5 * MS, 0);
        for (int i = 0; i < 2; i++) {
            eps.get(1).onStart(); // 5 ms x 3 > 10 ms x 1
        }

        assertThat(seeded(eps).pick(0)).isSameAs(eps.get(0));
    }

    @Test
    void triesAnEndpointWithoutSamplesButOnlyOneRequestAtATime() {
        List<Endpoint> eps = endpoints(1, 1);
        eps.get(0).record(CallOutcome.SUCCESS, 10 * MS, 0);
        PeakEwmaBalancer lb = seeded(eps);

        assertThat(lb.pick(0)).isSameAs(eps.get(1));
        eps.get(1).onStart();
        eps.get(0).onStart();
        assertThat(lb.pick(0)).isSameAs(eps.get(0));
    }

    @Test
    void aSlowedInstanceGetsLittleTrafficUnderConcurrency() {
        // A simulation: three instances, one ten times slower, 8 requests in flight at any time.
        List<Endpoint> eps = endpoints(1, 1, 1);
        long[] latency = {10 * MS, 10 * MS, 100 * MS};
        PeakEwmaBalancer lb = seeded(eps);
        PriorityQueue<long[]> running = new PriorityQueue<>((x, y) -> Long.compare(x[0], y[0]));
        Map<Endpoint, Integer> hits = new HashMap<>();
        long now = 0;
        for (int request = 0; request < 20_000; request++) {
            while (running.size() >= 8) {
                long[] done = running.poll();
                now = done[0];
                Endpoint e = eps.get((int) done[1]);
                e.record(CallOutcome.SUCCESS, done[2], now);
                e.onEnd();
            }
            Endpoint e = lb.pick(now);
            int i = eps.indexOf(e);
            e.onStart();
            hits.merge(e, 1, Integer::sum);
            running.add(new long[] {now + latency[i], i, latency[i]});
        }

        assertThat(hits.get(eps.get(2))).isLessThan(20_000 / 10);
    }

    @Test
    void skipsUnavailableEndpoints() {
        List<Endpoint> eps = endpoints(1, 1);
        eps.get(0).record(CallOutcome.SUCCESS, 1 * MS, 0);
        eps.get(1).record(CallOutcome.SUCCESS, 100 * MS, 0);
        eps.get(0).healthy(false);

        assertThat(seeded(eps).pick(0)).isSameAs(eps.get(1));
        eps.get(1).eject(Duration.ofSeconds(1), 0);
        assertThat(seeded(eps).pick(0)).isNull();
    }
}
