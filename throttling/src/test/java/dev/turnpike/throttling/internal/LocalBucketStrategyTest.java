package dev.turnpike.throttling.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.throttling.LocalLimitsSettings;
import dev.turnpike.throttling.RateLimitPlan;
import dev.turnpike.throttling.ThrottleDecision;
import dev.turnpike.throttling.ThrottleKey;
import dev.turnpike.throttling.ThrottleReason;
import dev.turnpike.throttling.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class LocalBucketStrategyTest {

    private static final ThrottleKey WEB = ThrottleKey.of("mypage-web", "products");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T03:00:00Z"));
    private final LocalBucketStrategy strategy = new LocalBucketStrategy(LocalLimitsSettings.defaults(), clock);

    @Test
    void allowsBurstThenDeniesWithRetryAfterOfOneRefill() {
        RateLimitPlan plan = RateLimitPlan.of(10, 20);
        for (int i = 0; i < 20; i++) {
            ThrottleDecision decision = strategy.tryAcquireNow(WEB, plan, 1);
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.remaining()).isEqualTo(19 - i);
        }
        ThrottleDecision denied = strategy.tryAcquireNow(WEB, plan, 1);
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.reason()).isEqualTo(ThrottleReason.RATE_LIMITED);
        assertThat(denied.limit()).isEqualTo(20);
        assertThat(denied.remaining()).isZero();
        assertThat(denied.retryAfter()).isEqualTo(Duration.ofMillis(100));
        assertThat(denied.reset()).isEqualTo(Duration.ofSeconds(2));
        assertThat(denied.policy()).isEqualTo("10;w=1;burst=20");

        clock.advance(Duration.ofMillis(100));
        assertThat(strategy.tryAcquireNow(WEB, plan, 1).allowed()).isTrue();
    }

    @Test
    void allowsExactlyBurstPlusRateTimesElapsedUnderConstantPressure() {
        RateLimitPlan plan = RateLimitPlan.of(5, 10);
        long allowed = 0;
        // Attempts every 10 ms from t = 0 s to t = 60 s inclusive.
        for (int step = 0; step <= 6000; step++) {
            while (strategy.tryAcquireNow(WEB, plan, 1).allowed()) {
                allowed++;
            }
            clock.advance(Duration.ofMillis(10));
        }
        // 60 s of simulated time: the initial burst plus 5 permits per second, not one more or less.
        assertThat(allowed).isEqualTo(10 + 5 * 60);
    }

    @Test
    void permitsAreTheCostOfOneRequest() {
        RateLimitPlan plan = RateLimitPlan.of(10, 10);
        assertThat(strategy.tryAcquireNow(WEB, plan, 7).remaining()).isEqualTo(3);
        ThrottleDecision denied = strategy.tryAcquireNow(WEB, plan, 4);
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.retryAfter()).isEqualTo(Duration.ofMillis(100));
        assertThat(strategy.tryAcquireNow(WEB, plan, 3).allowed()).isTrue();
        assertThatThrownBy(() -> strategy.tryAcquireNow(WEB, plan, 0)).hasMessage("permits: 0 (expected: >= 1)");
    }

    @Test
    void keysAreCountedApart() {
        RateLimitPlan plan = RateLimitPlan.of(1, 1);
        assertThat(strategy.tryAcquireNow(WEB, plan, 1).allowed()).isTrue();
        assertThat(strategy.tryAcquireNow(WEB, plan, 1).allowed()).isFalse();
        assertThat(strategy.tryAcquireNow(ThrottleKey.of("mobile", "products"), plan, 1).allowed()).isTrue();
        assertThat(strategy.tryAcquireNow(ThrottleKey.forApi("products"), plan, 1).allowed()).isTrue();
    }

    @Test
    void asyncFormEmitsTheSameDecision() {
        StepVerifier.create(strategy.tryAcquire(WEB, RateLimitPlan.of(1, 1), 1))
                .assertNext(decision -> assertThat(decision.allowed()).isTrue())
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void deniesWhenDailyQuotaIsUsedUpAndAnswersTimeToMidnightInQuotaZone() {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        clock.set(ZonedDateTime.parse("2026-11-22T23:59:00+09:00[Asia/Tokyo]").toInstant());
        LocalBucketStrategy inTokyo = new LocalBucketStrategy(LocalLimitsSettings.defaults().withQuotaZone(tokyo),
                clock);
        RateLimitPlan plan = RateLimitPlan.of(1000, 1000).withDailyQuota(3);

        ThrottleDecision first = inTokyo.tryAcquireNow(WEB, plan, 1);
        assertThat(first.allowed()).isTrue();
        // The quota is closer to exhaustion than the bucket, so the numbers describe the quota.
        assertThat(first.limit()).isEqualTo(3);
        assertThat(first.remaining()).isEqualTo(2);
        assertThat(first.reset()).isEqualTo(Duration.ofMinutes(1));
        assertThat(first.policy()).isEqualTo("1000;w=1;burst=1000, 3;w=86400");
        inTokyo.tryAcquireNow(WEB, plan, 1);
        inTokyo.tryAcquireNow(WEB, plan, 1);

        ThrottleDecision denied = inTokyo.tryAcquireNow(WEB, plan, 1);
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.reason()).isEqualTo(ThrottleReason.QUOTA_EXHAUSTED);
        assertThat(denied.remaining()).isZero();
        assertThat(denied.retryAfter()).isEqualTo(Duration.ofMinutes(1));

        clock.advance(Duration.ofSeconds(59));
        assertThat(inTokyo.tryAcquireNow(WEB, plan, 1).allowed()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        ThrottleDecision nextDay = inTokyo.tryAcquireNow(WEB, plan, 1);
        assertThat(nextDay.allowed()).isTrue();
        assertThat(nextDay.remaining()).isEqualTo(2);
        assertThat(nextDay.reset()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void quotaDayIsTheCalendarDayAcrossDaylightSavingChange() {
        ZoneId newYork = ZoneId.of("America/New_York");
        clock.set(ZonedDateTime.parse("2026-03-08T00:00:00-05:00[America/New_York]").toInstant());
        LocalBucketStrategy inNewYork = new LocalBucketStrategy(
                LocalLimitsSettings.defaults().withQuotaZone(newYork), clock);
        RateLimitPlan plan = RateLimitPlan.of(10, 10).withDailyQuota(1);

        assertThat(inNewYork.tryAcquireNow(WEB, plan, 1).allowed()).isTrue();
        ThrottleDecision denied = inNewYork.tryAcquireNow(WEB, plan, 1);
        // 8 March 2026 has 23 hours in New York (clocks spring forward).
        assertThat(denied.retryAfter()).isEqualTo(Duration.ofHours(23));
        clock.advance(Duration.ofHours(23));
        assertThat(inNewYork.tryAcquireNow(WEB, plan, 1).allowed()).isTrue();
    }

    @Test
    void rateDenialDoesNotSpendTheDailyQuota() {
        RateLimitPlan plan = RateLimitPlan.of(1, 1).withDailyQuota(5);
        long allowed = 0;
        long rateDenials = 0;
        for (int step = 0; step < 100; step++) {
            for (int attempt = 0; attempt < 3; attempt++) {
                ThrottleDecision decision = strategy.tryAcquireNow(WEB, plan, 1);
                if (decision.allowed()) {
                    allowed++;
                } else if (decision.reason() == ThrottleReason.RATE_LIMITED) {
                    rateDenials++;
                }
            }
            clock.advance(Duration.ofMillis(500));
        }
        assertThat(allowed).isEqualTo(5);
        assertThat(rateDenials).isPositive();
        assertThat(strategy.tryAcquireNow(WEB, plan, 1).reason()).isEqualTo(ThrottleReason.QUOTA_EXHAUSTED);
    }

    @Test
    void planChangeStartsAFreshBucketButKeepsTheDayCount() {
        RateLimitPlan small = RateLimitPlan.of(1, 1).withDailyQuota(10);
        assertThat(strategy.tryAcquireNow(WEB, small, 1).allowed()).isTrue();
        assertThat(strategy.tryAcquireNow(WEB, small, 1).allowed()).isFalse();

        RateLimitPlan bigger = RateLimitPlan.of(100, 100).withDailyQuota(10);
        ThrottleDecision afterChange = strategy.tryAcquireNow(WEB, bigger, 1);
        assertThat(afterChange.allowed()).isTrue();
        assertThat(afterChange.limit()).isEqualTo(10);
        assertThat(afterChange.remaining()).isEqualTo(8);
    }

    @Test
    void idleKeysExpireAndComeBackFull() {
        LocalBucketStrategy shortLived = new LocalBucketStrategy(
                LocalLimitsSettings.defaults().withIdleExpiry(Duration.ofMinutes(1)), clock);
        shortLived.tryAcquireNow(WEB, RateLimitPlan.of(1, 1), 1);
        assertThat(shortLived.keyCount()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(2));
        assertThat(shortLived.keyCount()).isZero();
    }

    @Test
    void keysWithADailyQuotaOutliveIdleExpiryUntilTheirDayEnds() {
        LocalBucketStrategy shortLived = new LocalBucketStrategy(
                LocalLimitsSettings.defaults().withIdleExpiry(Duration.ofMinutes(1)), clock);
        RateLimitPlan plan = RateLimitPlan.of(10, 10).withDailyQuota(1);
        shortLived.tryAcquireNow(WEB, plan, 1);
        clock.advance(Duration.ofHours(1));
        // Still there: forgetting the key would hand out a fresh daily quota.
        assertThat(shortLived.tryAcquireNow(WEB, plan, 1).reason()).isEqualTo(ThrottleReason.QUOTA_EXHAUSTED);
        clock.advance(Duration.ofHours(24));
        assertThat(shortLived.keyCount()).isZero();
    }
}
