package dev.turnpike.loadtest.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseParserTest {
    private final ResponseParser parser = new ResponseParser();

    @Test
    void endsAResponseAfterContentLengthBytesEvenWhenSplitAnywhere() {
        String res = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\ncontent-length: 10\r\n\r\n0123456789";
        for (int split = 1; split < res.length(); split++) {
            assertThat(feed(res.substring(0, split))).as("split at " + split).isZero();
            assertThat(feed(res.substring(split))).as("split at " + split).isEqualTo(1);
            assertThat(parser.lastStatus()).isEqualTo(200);
        }
    }

    @Test
    void followsChunkedBodiesWithExtensionsAndTrailers() {
        String res = "HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=1\r\nhello\r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n";
        assertThat(feed(res.substring(0, 70))).isZero();
        assertThat(feed(res.substring(70))).isEqualTo(1);
        assertThat(parser.lastStatus()).isEqualTo(503);
    }

    @Test
    void countsBackToBackResponsesIncludingBodylessOnes() {
        String two = "HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\n{}";
        assertThat(feed(two)).isEqualTo(2);
        assertThat(parser.lastStatus()).isEqualTo(404);
    }

    @Test
    void refusesWhatItCannotFrame() {
        assertThatThrownBy(() -> feed("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nbody"))
                .hasMessageContaining("without Content-Length or chunked");
        assertThatThrownBy(() -> new ResponseParser().feed(buf("garbage-garbage\r\n\r\n")))
                .hasMessageContaining("not an HTTP response");
    }

    private int feed(String s) {
        ByteBuf b = buf(s);
        try {
            int n = parser.feed(b);
            assertThat(b.isReadable()).isFalse();
            return n;
        } finally {
            b.release();
        }
    }

    private static ByteBuf buf(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }
}
