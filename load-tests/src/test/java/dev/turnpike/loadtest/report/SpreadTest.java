package dev.turnpike.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadTest {
    @Test
    void reportsMedianMinAndMaxOfOddAndEvenCounts() {
        assertThat(Spread.of(List.of(30.0, 10.0, 20.0))).isEqualTo(new Spread(20, 10, 30, 3));
        assertThat(Spread.of(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(new Spread(2.5, 1, 4, 4));
    }

    @Test
    void formatsWithThousandsSeparatorsAndRangeOnlyForSeveralRuns() {
        assertThat(Spread.of(List.of(12_345.6, 11_000.0, 13_000.0)).format(0)).isEqualTo("12,346 (11,000–13,000)");
        assertThat(Spread.of(List.of(0.1234)).format(2)).isEqualTo("0.12");
    }

    @Test
    void formatsRatiosToTheReference() {
        assertThat(Spread.ratio(45_000, 50_000)).isEqualTo("0.90×");
        assertThat(Spread.ratio(1, 0)).isEqualTo("n/a");
    }

    @Test
    void needsAtLeastOneMeasurement() {
        assertThatThrownBy(() -> Spread.of(List.of())).hasMessageContaining("expected: at least one");
    }
}
