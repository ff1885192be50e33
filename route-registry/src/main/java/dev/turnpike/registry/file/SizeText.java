package dev.turnpike.registry.file;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes as people write them: {@code 512}, {@code 8KB}, {@code 16KiB}, {@code 10MB}, {@code 1GB}. KB/MB/GB are
 * read as powers of 1024, like nginx and most proxies do, so {@code 1MB == 1MiB}.
 */
public final class SizeText {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*(b|kb|kib|k|mb|mib|m|gb|gib|g)?");

    private SizeText() {
    }

    /**
     * Parses {@code text} into bytes.
     *
     * @throws IllegalArgumentException with what was expected
     */
    public static long parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIZE.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + (text == null ? "" : text.trim())
                    + "\" (expected: a size such as 8192, 16KB, 10MB, 1GB)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        long factor = switch (unit.charAt(0)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1L;
        };
        try {
            return Math.multiplyExact(n, factor);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("\"" + text.trim() + "\" (expected: at most "
                    + Long.MAX_VALUE + " bytes)", e);
        }
    }
}
