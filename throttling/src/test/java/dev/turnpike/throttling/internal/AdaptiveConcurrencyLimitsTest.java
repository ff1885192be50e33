package dev.turnpike.throttling.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.throttling.ConcurrencyLimitSettings;
import dev.turnpike.throttling.ConcurrencyLimitSettings.Algorithm;
import dev.turnpike.throttling.ConcurrencyPermit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AdaptiveConcurrencyLimitsTest {

    private final AtomicLong nanos = new AtomicLong();

    private AdaptiveConcurrencyLimits aimd(int initial) {
        return new AdaptiveConcurrencyLimits(
                new ConcurrencyLimitSettings(Algorithm.AIMD, initial, 1, 100, Duration.ofSeconds(1)), nanos::get);
    }

    @Test
    void refusesPastTheLimitAndAdmitsAgainOnRelease() {
        AdaptiveConcurrencyLimits limits = aimd(4);
        List<ConcurrencyPermit> permits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            permits.add(limits.tryAcquire("products-blue").orElseThrow());
        }
        assertThat(limits.inFlight("products-blue")).isEqualTo(4);
        assertThat(limits.tryAcquire("products-blue")).isEmpty();

        permits.get(0).onIgnore();
        assertThat(limits.limit("products-blue")).isEqualTo(4);
        assertThat(limits.tryAcquire("products-blue")).isPresent();
    }

    @Test
    void aDropShrinksTheLimit() {
        AdaptiveConcurrencyLimits limits = aimd(10);
        limits.tryAcquire("products-blue").orElseThrow().onDropped();
        assertThat(limits.limit("products-blue")).isEqualTo(9);
    }

    @Test
    void aSlowCallCountsAsADrop() {
        AdaptiveConcurrencyLimits limits = aimd(10);
        ConcurrencyPermit permit = limits.tryAcquire("products-blue").orElseThrow();
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(2));
        permit.onSuccess();
        assertThat(limits.limit("products-blue")).isLessThan(10);
    }

    @Test
    void fastSuccessesUnderLoadGrowTheLimit() {
        AdaptiveConcurrencyLimits limits = aimd(4);
        List<ConcurrencyPermit> permits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            permits.add(limits.tryAcquire("products-blue").orElseThrow());
        }
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(5));
        permits.forEach(ConcurrencyPermit::onSuccess);
        assertThat(limits.limit("products-blue")).isGreaterThan(4);
        assertThat(limits.inFlight("products-blue")).isZero();
    }

    @Test
    void poolsHaveTheirOwnLimits() {
        AdaptiveConcurrencyLimits limits = aimd(1);
        assertThat(limits.tryAcquire("a")).isPresent();
        assertThat(limits.tryAcquire("a")).isEmpty();
        assertThat(limits.tryAcquire("b")).isPresent();
        limits.remove("a");
        assertThat(limits.tryAcquire("a")).isPresent();
    }

    @Test
    void gradientLimitStartsAtItsInitialLimit() {
        AdaptiveConcurrencyLimits limits = new AdaptiveConcurrencyLimits(
                new ConcurrencyLimitSettings(Algorithm.GRADIENT2, 2, 1, 50, Duration.ofSeconds(1)), nanos::get);
        Optional<ConcurrencyPermit> first = limits.tryAcquire("p");
        assertThat(limits.tryAcquire("p")).isPresent();
        assertThat(limits.tryAcquire("p")).isEmpty();
        // A real call takes time; Gradient2 divides by the latency (a zero sample would make its limit NaN -> 0).
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(5));
        first.orElseThrow().onSuccess();
        assertThat(limits.limit("p")).isBetween(1, 50);
    }

    @Test
    void settingsRejectAnInitialLimitOutsideTheBounds() {
        assertThatThrownBy(() -> new ConcurrencyLimitSettings(Algorithm.AIMD, 0, 1, 10, Duration.ofSeconds(1)))
                .hasMessage("initialLimit: 0 (expected: 1..10)");
    }
}
