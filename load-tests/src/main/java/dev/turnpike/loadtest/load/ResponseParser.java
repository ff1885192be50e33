package dev.turnpike.loadtest.load;

import io.netty.buffer.ByteBuf;

/**
 * A minimal HTTP/1.1 response framer for the load client: finds where each response ends (Content-Length or
 * chunked) and its status code, without building header objects, so that the client spends its one core on
 * sending and timing rather than on parsing. Responses may arrive split over any number of buffers.
 *
 * <p>Not thread-safe: one per connection, used by its event loop.
 */
final class ResponseParser {
    private enum State { HEAD, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_DATA_END, TRAILER }

    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] TRANSFER_ENCODING =
            "transfer-encoding:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final byte[] head = new byte[32 * 1024];
    private State state = State.HEAD;
    private int headLength;
    private long remaining;
    private long chunkSize;
    private int lineLength;
    private int status;
    private int completed;
    private int lastStatus;

    /**
     * Consumes all readable bytes of {@code buf} (it does not release it).
     *
     * @return how many responses ended in these bytes
     * @throws IllegalStateException on input that is not an HTTP/1.1 response this parser understands
     */
    int feed(ByteBuf buf) {
        completed = 0;
        while (buf.isReadable()) {
            switch (state) {
                case HEAD -> readHead(buf);
                case BODY -> {
                    int n = (int) Math.min(remaining, buf.readableBytes());
                    buf.skipBytes(n);
                    remaining -= n;
                    if (remaining == 0) {
                        done();
                    }
                }
                case CHUNK_SIZE -> readChunkSize(buf.readByte());
                case CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, buf.readableBytes());
                    buf.skipBytes(n);
                    remaining -= n;
                    if (remaining == 0) {
                        state = State.CHUNK_DATA_END;
                        lineLength = 0;
                    }
                }
                case CHUNK_DATA_END -> {
                    if (buf.readByte() == '\n') {
                        state = State.CHUNK_SIZE;
                        chunkSize = 0;
                        lineLength = 0;
                    }
                }
                case TRAILER -> {
                    byte b = buf.readByte();
                    if (b == '\n') {
                        if (lineLength == 0) {
                            done();
                        }
                        lineLength = 0;
                    } else if (b != '\r') {
                        lineLength++;
                    }
                }
                default -> throw new IllegalStateException("state " + state);
            }
        }
        return completed;
    }

    /** Status code of the response that ended last. */
    int lastStatus() {
        return lastStatus;
    }

    private void readHead(ByteBuf buf) {
        while (buf.isReadable()) {
            if (headLength == head.length) {
                throw new IllegalStateException("response head longer than " + head.length + " bytes");
            }
            byte b = buf.readByte();
            head[headLength++] = b;
            if (b == '\n' && headLength >= 4 && head[headLength - 2] == '\r' && head[headLength - 3] == '\n') {
                startBody();
                return;
            }
        }
    }

    private void startBody() {
        if (headLength < 12 || head[0] != 'H' || head[8] != ' ') {
            throw new IllegalStateException("not an HTTP response: "
                    + new String(head, 0, Math.min(headLength, 40), java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        status = (head[9] - '0') * 100 + (head[10] - '0') * 10 + (head[11] - '0');
        long length = -1;
        boolean chunked = false;
        int lineStart = 0;
        for (int i = 0; i < headLength; i++) {
            if (head[i] == '\n') {
                lineStart = i + 1;
            } else if (i == lineStart) {
                if (startsWithIgnoreCase(i, CONTENT_LENGTH)) {
                    length = parseLong(i + CONTENT_LENGTH.length);
                } else if (startsWithIgnoreCase(i, TRANSFER_ENCODING)) {
                    chunked = containsChunked(i + TRANSFER_ENCODING.length);
                }
            }
        }
        headLength = 0;
        boolean noBody = status == 204 || status == 304 || (status >= 100 && status < 200);
        if (chunked) {
            state = State.CHUNK_SIZE;
            chunkSize = 0;
            lineLength = 0;
        } else if (noBody || length == 0) {
            done();
        } else if (length > 0) {
            remaining = length;
            state = State.BODY;
        } else {
            throw new IllegalStateException("response " + status + " without Content-Length or chunked encoding "
                    + "(the load client keeps connections alive and cannot read to close)");
        }
    }

    private void readChunkSize(byte b) {
        if (b == '\n') {
            if (chunkSize == 0) {
                state = State.TRAILER;
                lineLength = 0;
            } else {
                remaining = chunkSize;
                state = State.CHUNK_DATA;
            }
            return;
        }
        if (lineLength < 0 || b == '\r') {
            return; // inside a chunk extension, or the CR before LF
        }
        int digit = Character.digit(b, 16);
        if (digit < 0) {
            lineLength = -1; // ';' starts an extension: ignore the rest of the line
        } else {
            chunkSize = chunkSize * 16 + digit;
            lineLength++;
        }
    }

    private void done() {
        completed++;
        lastStatus = status;
        state = State.HEAD;
    }

    private boolean startsWithIgnoreCase(int at, byte[] prefix) {
        if (at + prefix.length > headLength) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (Character.toLowerCase(head[at + k]) != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    private long parseLong(int at) {
        long v = 0;
        boolean any = false;
        for (int i = at; i < headLength && head[i] != '\r' && head[i] != '\n'; i++) {
            if (head[i] >= '0' && head[i] <= '9') {
                v = v * 10 + (head[i] - '0');
                any = true;
            }
        }
        return any ? v : -1;
    }

    private boolean containsChunked(int at) {
        StringBuilder sb = new StringBuilder();
        for (int i = at; i < headLength && head[i] != '\n'; i++) {
            sb.append((char) Character.toLowerCase(head[i]));
        }
        return sb.indexOf("chunked") >= 0;
    }
}
