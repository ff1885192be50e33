package dev.turnpike.gateway.lookup;

/** 64-bit FNV-1a, for ETags of lookup answers (not a security hash: ETags are not secrets). */
final class Fnv64 {
    static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private Fnv64() {
    }

    /** The hash of {@code bytes}. */
    static long hash(byte[] bytes) {
        long h = OFFSET;
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * PRIME;
        }
        return h;
    }

    /** {@code h} extended by the eight bytes of {@code value}. */
    static long mix(long h, long value) {
        for (int i = 0; i < 8; i++) {
            h = (h ^ ((value >>> (i * 8)) & 0xff)) * PRIME;
        }
        return h;
    }

    /** {@code h} extended by the characters of {@code text}. */
    static long mix(long h, String text) {
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * PRIME;
        }
        return (h ^ 0xff) * PRIME; // a separator, so ("ab","c") and ("a","bc") differ
    }
}
