package dev.turnpike.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.turnpike.gateway.balance.Endpoint;
import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.model.ApiPolicies;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Criticality;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Losing one of three instances under load, as a kill -9 would: the call layer's retries hide it from clients. */
class InstanceLossTest {
    @TempDir
    Path dir;

    @Test
    void killingOneOfThreeInstancesUnderLoadFailsFewerThanOneRequestInAThousand() throws Exception {
        try (TestUpstream a = TestUpstream.start("a", (req, res) -> res.sendString(reactor.core.publisher.Mono.just("a")));
             TestUpstream b = TestUpstream.start("b", (req, res) -> res.sendString(reactor.core.publisher.Mono.just("b")));
             TestUpstream victim = TestUpstream.start("victim",
                     (req, res) -> res.sendString(reactor.core.publisher.Mono.just("victim")))) {
            Catalog catalog = new Catalog(List.of(Apis.api("three", Criticality.STANDARD, ApiPolicies.NONE)),
                    List.of(Apis.pool("three", a, b, victim)));
            try (GatewayUnderTest gw = GatewayUnderTest.start(dir, catalog)) {
                AtomicBoolean running = new AtomicBoolean(true);
                AtomicInteger ok = new AtomicInteger();
                AtomicInteger failed = new AtomicInteger();
                ExecutorService clients = Executors.newFixedThreadPool(4);
                List<Future<?>> loops = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    loops.add(clients.submit(() -> {
                        while (running.get()) {
                            try {
                                (gw.get("/three/x").statusCode() == 200 ? ok : failed).incrementAndGet();
                            } catch (Exception e) {
                                failed.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> ok.get() >= 300);
                victim.kill();
                long killedAt = System.nanoTime();
                Endpoint gone = gw.server().routing().current().pool("three").endpoints().stream()
                        .filter(e -> e.address().equals(victim.address())).findFirst().orElseThrow();
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                        .until(() -> !gone.isAvailable(System.nanoTime()));
                long outAfterMillis = (System.nanoTime() - killedAt) / 1_000_000;
                int before = ok.get();
                await().atMost(Duration.ofSeconds(60)).until(() -> ok.get() >= before + 1500);
                running.set(false);
                for (Future<?> loop : loops) {
                    loop.get(30, TimeUnit.SECONDS);
                }
                clients.shutdown();
                int total = ok.get() + failed.get();
                assertThat(failed.get() * 1000L).as(failed + " of " + total + " failed").isLessThan(total);
                // Out at the first refused connect; the bound is loose for a shared machine (the goal is 1 s).
                assertThat(outAfterMillis).isLessThan(5_000);
            }
        }
    }
}
