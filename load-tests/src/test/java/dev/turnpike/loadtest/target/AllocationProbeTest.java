package dev.turnpike.loadtest.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AllocationProbeTest {
    @Test
    void readsTheAllocatedBytesCounterOfAScrape() {
        String scrape = """
                # HELP jvm_gc_memory_allocated_bytes_total Incremented for an increase in the size of the (young) heap
                # TYPE jvm_gc_memory_allocated_bytes_total counter
                jvm_gc_memory_allocated_bytes_total 7.80113468E9
                jvm_gc_memory_promoted_bytes_total 1234.0
                """;
        assertThat(AllocationProbe.parse(scrape)).isEqualTo(7_801_134_680L);
    }

    @Test
    void saysSoWhenTheCounterIsMissing() {
        assertThatThrownBy(() -> AllocationProbe.parse("jvm_gc_memory_promoted_bytes_total 1.0\n"))
                .hasMessageContaining("jvm_gc_memory_allocated_bytes_total");
    }
}
