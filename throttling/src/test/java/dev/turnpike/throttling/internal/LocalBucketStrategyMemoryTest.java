package dev.turnpike.throttling.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.throttling.LocalLimitsSettings;
import dev.turnpike.throttling.RateLimitPlan;
import dev.turnpike.throttling.ThrottleKey;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class LocalBucketStrategyMemoryTest {

    private static final long MAX_KEYS = 50_000;

    @Test
    void memoryStaysFlatWithAMillionDistinctKeys() {
        LocalBucketStrategy strategy = new LocalBucketStrategy(
                LocalLimitsSettings.defaults().withMaxKeys(MAX_KEYS), Clock.systemUTC());
        RateLimitPlan plan = RateLimitPlan.of(10, 20).withDailyQuota(1000);

        // Warm up to the bound, then measure: the next 950,000 keys must not grow the heap.
        touch(strategy, plan, 0, MAX_KEYS);
        long atBound = usedHeapAfterGc();
        touch(strategy, plan, MAX_KEYS, 1_000_000);
        long afterMillion = usedHeapAfterGc();

        assertThat(strategy.keyCount()).isLessThanOrEqualTo(MAX_KEYS);
        // Unbounded, 950,000 more keys with their buckets would hold several hundred MB; allow 32 MB of noise.
        assertThat(afterMillion - atBound).isLessThan(32L * 1024 * 1024);
        // The strategy is still in use here; keep it reachable until after the measurement.
        assertThat(strategy.tryAcquireNow(ThrottleKey.of("c0", "api"), plan, 1)).isNotNull();
    }

    private static void touch(LocalBucketStrategy strategy, RateLimitPlan plan, long from, long to) {
        for (long i = from; i < to; i++) {
            strategy.tryAcquireNow(ThrottleKey.of("consumer-" + i, "api-" + (i % 100)), plan, 1);
        }
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
