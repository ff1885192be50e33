package dev.turnpike.registry.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SizeTextTest {
    @Test
    void readsUnitsAsPowersOf1024() {
        assertThat(SizeText.parse("512")).isEqualTo(512);
        assertThat(SizeText.parse("16KiB")).isEqualTo(16 * 1024);
        assertThat(SizeText.parse("10 MB")).isEqualTo(10L << 20);
        assertThat(SizeText.parse("1g")).isEqualTo(1L << 30);
    }

    @Test
    void rejectsOverflowWithTheDocumentedException() {
        assertThatThrownBy(() -> SizeText.parse("999999999999999GB"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"999999999999999GB\" (expected: at most 9223372036854775807 bytes)");
    }
}
