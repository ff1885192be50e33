package dev.turnpike.gateway.balance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.registry.model.Balancer;
import dev.turnpike.registry.model.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Several non-blocking threads (BlockHound watches them) pick, start and end requests at once: nothing throws,
 * nothing blocks, and every pick is accounted for.
 */
class LoadBalancerConcurrencyTest {
    private static final int THREADS = 4;
    private static final int PICKS_PER_THREAD = 50_000;

    @ParameterizedTest
    @EnumSource(Balancer.class)
    void picksFromSeveralEventLoopsAddUp(Balancer kind) throws InterruptedException {
        List<Endpoint> eps = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            eps.add(new Endpoint(new Instance("10.0.0." + i, 80, i + 1)));
        }
        LoadBalancer lb = LoadBalancer.create(kind, eps);
        Map<Endpoint, LongAdder> picked = new ConcurrentHashMap<>();
        eps.forEach(e -> picked.put(e, new LongAdder()));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(THREADS);
        Scheduler loops = Schedulers.newParallel("lb-test", THREADS);
        try {
            for (int t = 0; t < THREADS; t++) {
                loops.schedule(() -> {
                    try {
                        for (int i = 0; i < PICKS_PER_THREAD; i++) {
                            Endpoint e = lb.pick(System.nanoTime());
                            e.onStart();
                            picked.get(e).increment();
                            e.onEnd();
                        }
                    } catch (Throwable ex) {
                        failure.compareAndSet(null, ex);
                    } finally {
                        done.countDown();
                    }
                });
            }
            assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            loops.dispose();
        }

        assertThat(failure.get()).isNull();
        assertThat(picked.values().stream().mapToLong(LongAdder::sum).sum()).isEqualTo(THREADS * PICKS_PER_THREAD);
        assertThat(eps).allSatisfy(e -> {
            assertThat(e.inFlight()).isZero();
            assertThat(picked.get(e).sum()).isPositive();
        });
        if (kind == Balancer.ROUND_ROBIN) {
            // Every slot of the shared cycle is handed out exactly once, however the threads interleave.
            long cycles = THREADS * PICKS_PER_THREAD / 15;
            assertThat(eps).allSatisfy(e -> assertThat(picked.get(e).sum())
                    .isBetween(cycles * e.weight(), (cycles + 1) * e.weight()));
        }
    }
}
