package dev.turnpike.throttling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RateLimitPlanTest {

    @Test
    void rejectsNonPositiveRateNamingFieldAndExpectation() {
        assertThatThrownBy(() -> RateLimitPlan.of(-5, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("perSecond: -5 (expected: > 0)");
    }

    @Test
    void rejectsBurstBelowRate() {
        assertThatThrownBy(() -> RateLimitPlan.of(100, 50))
                .hasMessage("burst: 50 (expected: >= perSecond 100)");
    }

    @Test
    void rejectsNonPositiveQuotaAndNullOptional() {
        assertThatThrownBy(() -> RateLimitPlan.of(1, 1).withDailyQuota(0))
                .hasMessage("dailyQuota: 0 (expected: > 0)");
        assertThatThrownBy(() -> new RateLimitPlan(1, 1, null))
                .hasMessageStartingWith("dailyQuota: null");
    }

    @Test
    void policyTextFollowsRateLimitPolicyField() {
        assertThat(RateLimitPlan.of(100, 200).policyText()).isEqualTo("100;w=1;burst=200");
        assertThat(RateLimitPlan.of(100, 200).withDailyQuota(10_000).policyText())
                .isEqualTo("100;w=1;burst=200, 10000;w=86400");
    }

    @Test
    void shareDividesEveryNumberRoundingUp() {
        RateLimitPlan share = RateLimitPlan.of(100, 200).withDailyQuota(1000).share(3);
        assertThat(share).isEqualTo(new RateLimitPlan(34, 67, OptionalLong.of(334)));
        assertThat(RateLimitPlan.of(1, 1).share(3)).isEqualTo(RateLimitPlan.of(1, 1));
        assertThatThrownBy(() -> RateLimitPlan.of(1, 1).share(0)).hasMessage("nodes: 0 (expected: > 0)");
    }
}
