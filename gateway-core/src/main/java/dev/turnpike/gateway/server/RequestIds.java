package dev.turnpike.gateway.server;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids: the client's {@code X-Request-Id} when it is usable (1..128 visible ASCII characters), else a new
 * random 128-bit hex id. Generated without {@code SecureRandom}, which may block an event loop.
 */
public final class RequestIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {
    }

    /** {@code fromClient} if usable, else a new id. */
    public static String accept(String fromClient) {
        if (fromClient != null && isUsable(fromClient)) {
            return fromClient;
        }
        return generate();
    }

    /** A new random id of 32 hex characters. */
    public static String generate() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] out = new char[32];
        write(r.nextLong(), out, 0);
        write(r.nextLong(), out, 16);
        return new String(out);
    }

    private static void write(long v, char[] out, int offset) {
        for (int i = 15; i >= 0; i--) {
            out[offset + i] = HEX[(int) (v & 0xf)];
            v >>>= 4;
        }
    }

    private static boolean isUsable(String id) {
        if (id.isEmpty() || id.length() > 128) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
