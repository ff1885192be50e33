package dev.turnpike.loadtest.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoadResultTest {
    @Test
    void parsesTheLastResultLineItPrinted() {
        LoadResult r = new LoadResult(12_000, 3, 1, 2.0, 150, 900, 1_500, 4_000);
        LoadResult back = LoadResult.parse("noise\n" + new LoadResult(1, 0, 0, 1, 1, 1, 1, 1).format() + "\n"
                + r.format() + "\nmore noise\n");
        assertThat(back).isEqualTo(r);
        assertThat(back.rps()).isEqualTo(6_000.0);
    }

    @Test
    void saysWhatItGotWhenThereIsNoResultLine() {
        assertThatThrownBy(() -> LoadResult.parse("Exception in thread main"))
                .hasMessageContaining("no RESULT line").hasMessageContaining("Exception in thread main");
    }

    @Test
    void readsWrkThroughTheReportScriptAndCountsOnlySuccesses() {
        String out = """
                Running 1s test @ http://127.0.0.1:1/x
                  1 threads and 16 connections
                TURNPIKE requests=20000 duration_us=2000000 errors=100 p50us=300 p99us=2000 p999us=5000 maxus=9000
                """;
        LoadResult r = WrkOutput.parse(out);
        assertThat(r.requests()).isEqualTo(19_900);
        assertThat(r.errors()).isEqualTo(100);
        assertThat(r.seconds()).isEqualTo(2.0);
        assertThat(r.rps()).isEqualTo(9_950.0);
        assertThat(r.p999us()).isEqualTo(5_000);
        assertThat(WrkOutput.SCRIPT).contains("latency:percentile(99.9)");
    }
}
