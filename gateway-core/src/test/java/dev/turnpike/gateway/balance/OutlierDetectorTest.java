package dev.turnpike.gateway.balance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.OutlierDetection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutlierDetectorTest {
    private static final Duration EJECT_FOR = Duration.ofSeconds(10);
    private static final long S = 1_000_000_000L;

    private static List<Endpoint> pool(int n, OutlierDetection settings) {
        List<Endpoint> eps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            eps.add(new Endpoint(new Instance("h" + i, 80, 1)));
        }
        OutlierDetector.attach(EJECT_FOR, settings, eps);
        return eps;
    }

    private static void fail(Endpoint e, CallOutcome outcome, int times, long now) {
        for (int i = 0; i < times; i++) {
            e.record(outcome, 1_000_000, now);
        }
    }

    @Test
    void aConnectFailureEjectsAtOnceForEjectFor() {
        Endpoint e = pool(2, OutlierDetection.DEFAULTS).get(0);

        e.record(CallOutcome.CONNECT_FAILURE, 1_000, 0);

        assertThat(e.isAvailable(10 * S - 1)).isFalse();
        assertThat(e.isAvailable(10 * S)).isTrue();
        assertThat(e.ejections()).isEqualTo(1);
    }

    @Test
    void consecutiveServerErrorsTimeoutsAndResetsEject() {
        for (CallOutcome outcome : List.of(CallOutcome.SERVER_ERROR, CallOutcome.TIMEOUT, CallOutcome.RESET)) {
            Endpoint e = pool(2, new OutlierDetection(3, Duration.ofMinutes(5), 50)).get(0);

            fail(e, outcome, 2, 0);
            assertThat(e.isAvailable(0)).as(outcome.name()).isTrue();
            fail(e, outcome, 1, 0);
            assertThat(e.isAvailable(0)).as(outcome.name()).isFalse();
        }
    }

    @Test
    void aSuccessEndsTheRunAndCancellationsDoNotCount() {
        Endpoint e = pool(2, new OutlierDetection(3, Duration.ofMinutes(5), 50)).get(0);

        fail(e, CallOutcome.SERVER_ERROR, 2, 0);
        e.record(CallOutcome.SUCCESS, 1_000, 0);
        fail(e, CallOutcome.SERVER_ERROR, 2, 0);
        fail(e, CallOutcome.CANCELLED, 5, 0);

        assertThat(e.isAvailable(0)).isTrue();
        fail(e, CallOutcome.SERVER_ERROR, 1, 0);
        assertThat(e.isAvailable(0)).isFalse();
    }

    @Test
    void zeroConsecutiveFailuresEjectsOnConnectFailuresOnly() {
        Endpoint e = pool(2, new OutlierDetection(0, Duration.ofMinutes(5), 50)).get(0);

        fail(e, CallOutcome.SERVER_ERROR, 100, 0);
        assertThat(e.isAvailable(0)).isTrue();
        e.record(CallOutcome.CONNECT_FAILURE, 0, 0);
        assertThat(e.isAvailable(0)).isFalse();
    }

    @Test
    void ejectionTimeGrowsWithRepeatedEjectionsUpToMaxEjectFor() {
        Endpoint e = pool(2, new OutlierDetection(1, Duration.ofSeconds(25), 50)).get(0);
        long now = 0;
        List<Long> lengths = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            fail(e, CallOutcome.SERVER_ERROR, 1, now);
            long until = e.ejectedUntil(now).orElseThrow();
            lengths.add((until - now) / S);
            now = until; // fails again as soon as it is back
        }

        assertThat(lengths).containsExactly(10L, 20L, 25L, 25L);
        assertThat(e.ejections()).isEqualTo(4);
    }

    @Test
    void ejectionTimeComesDownAgainAfterQuietPeriods() {
        Endpoint e = pool(2, new OutlierDetection(1, Duration.ofMinutes(5), 50)).get(0);
        fail(e, CallOutcome.SERVER_ERROR, 1, 0);             // level 1: until 10 s
        fail(e, CallOutcome.SERVER_ERROR, 1, 10 * S);        // level 2: until 30 s
        fail(e, CallOutcome.SERVER_ERROR, 1, 30 * S);        // level 3: until 60 s

        // 25 s after it ended, two ejectFor periods passed without an ejection: level 3 - 2 + 1 = 2.
        fail(e, CallOutcome.SERVER_ERROR, 1, 85 * S);

        assertThat(e.ejectedUntil(85 * S)).hasValue(105 * S);
    }

    @Test
    void neverEjectsMoreThanTheMaximumShare() {
        List<Endpoint> eps = pool(4, OutlierDetection.DEFAULTS);

        for (Endpoint e : eps) {
            e.record(CallOutcome.CONNECT_FAILURE, 0, 0);
        }

        assertThat(eps.stream().filter(e -> e.isEjected(0)).count()).isEqualTo(2);
        // Once an ejection runs out there is room again.
        Endpoint third = eps.stream().filter(e -> !e.isEjected(0)).findFirst().orElseThrow();
        third.record(CallOutcome.CONNECT_FAILURE, 0, 10 * S);
        assertThat(third.isEjected(10 * S)).isTrue();
    }

    @Test
    void aPoolOfOneIsNeverEjectedEmpty() {
        Endpoint only = pool(1, OutlierDetection.DEFAULTS).get(0);

        only.record(CallOutcome.CONNECT_FAILURE, 0, 0);
        fail(only, CallOutcome.SERVER_ERROR, 10, 0);

        assertThat(only.isAvailable(0)).isTrue();
        assertThat(only.ejections()).isZero();
    }

    @Test
    void aHundredPercentMayEjectTheWholePool() {
        List<Endpoint> eps = pool(2, new OutlierDetection(5, Duration.ofMinutes(5), 100));

        eps.forEach(e -> e.record(CallOutcome.CONNECT_FAILURE, 0, 0));

        assertThat(eps).noneMatch(e -> e.isAvailable(0));
    }

    @Test
    void endpointsCarriedOverJudgeByTheNewSettings() {
        List<Endpoint> eps = pool(2, new OutlierDetection(100, Duration.ofMinutes(5), 50));
        OutlierDetector.attach(EJECT_FOR, new OutlierDetection(1, Duration.ofMinutes(5), 50), eps);

        eps.get(0).record(CallOutcome.SERVER_ERROR, 0, 0);

        assertThat(eps.get(0).isEjected(0)).isTrue();
    }
}
