package dev.turnpike.gateway.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class PeakEwmaTest {
    private static final long S = 1_000_000_000L;

    @Test
    void isZeroBeforeTheFirstSampleAndTheSampleAfterIt() {
        PeakEwma ewma = new PeakEwma();
        assertThat(ewma.value(0)).isZero();

        ewma.observe(5_000_000, 0);

        assertThat(ewma.value(0)).isEqualTo(5_000_000);
    }

    @Test
    void jumpsToASlowerSampleAtOnce() {
        PeakEwma ewma = new PeakEwma();
        ewma.observe(1_000_000, 0);

        ewma.observe(50_000_000, 1);

        assertThat(ewma.value(1)).isEqualTo(50_000_000);
    }

    @Test
    void followsFasterSamplesDownOverTheDecayTime() {
        PeakEwma ewma = new PeakEwma();
        ewma.observe(100_000_000, 0);

        // One sample of 10 ms per 100 ms for 30 s (three time constants).
        for (long t = S / 10; t <= 30 * S; t += S / 10) {
            ewma.observe(10_000_000, t);
        }

        assertThat(ewma.value(30 * S)).isCloseTo(10_000_000 + 90_000_000 * Math.exp(-3), offset(1_000_000.0));
    }

    @Test
    void decaysTowardsZeroWithoutSamples() {
        PeakEwma ewma = new PeakEwma();
        ewma.observe(100_000_000, 0);

        assertThat(ewma.value(PeakEwma.DECAY_SECONDS * S)).isCloseTo(100_000_000 / Math.E, offset(1.0));
    }
}
