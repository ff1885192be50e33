package dev.turnpike.gateway.lookup;

import java.io.ByteArrayOutputStream;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/** Reads a small request body into memory, refusing more than a bound. */
final class UsageBody {
    private UsageBody() {
    }

    /** The body went past the bound; nothing was kept. */
    static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("request body too large", null, false, false);
        }
    }

    /** The whole body of {@code request}, or {@link TooLarge} past {@code max} bytes. */
    static Mono<byte[]> read(HttpServerRequest request, int max) {
        return request.receive()
                .reduceWith(() -> new ByteArrayOutputStream(1024), (out, buf) -> {
                    int n = buf.readableBytes();
                    if (out.size() + n > max) {
                        throw new TooLarge();
                    }
                    byte[] bytes = new byte[n];
                    buf.readBytes(bytes);
                    out.write(bytes, 0, n);
                    return out;
                })
                .map(ByteArrayOutputStream::toByteArray)
                .defaultIfEmpty(new byte[0]);
    }
}
