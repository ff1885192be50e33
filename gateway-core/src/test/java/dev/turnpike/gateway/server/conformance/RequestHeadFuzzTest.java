package dev.turnpike.gateway.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.RawEchoUpstream;
import dev.turnpike.gateway.testing.RawHttp;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.registry.model.Route;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded random mutator over valid requests, for the request head path: each iteration mutates one of a few valid
 * requests (bytes flipped, inserted or removed; lines duplicated, dropped or swapped; CRLF turned into LF or CR;
 * separators and framing fields rewritten), sends it on a fresh connection, then checks invariants:
 * the gateway never answers 500, every 200 it sends was the upstream's, and every request the upstream received is
 * well-formed (a clean request line with a normalized, refused-nothing path; no framing ambiguity; no bare CR or LF).
 *
 * <p>Bounded for CI: {@code -Dturnpike.fuzz.iterations} (default 200) and {@code -Dturnpike.fuzz.seed} (default
 * fixed, so a failure reproduces; a failure message names the seed and iteration).
 */
class RequestHeadFuzzTest {
    private static final Pattern REQUEST_LINE = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+ /[\\x21-\\x7e]* HTTP/1\\.1");
    private static final Pattern REFUSED_IN_PATH = Pattern.compile("(?i)%2f|%5c|%00|/\\.\\.?(/|;|$)|#");
    private static final String[] SEEDS = {
        "GET /api/a/b?q=1 HTTP/1.1\r\nHost: gw\r\nAccept: */*\r\n\r\n",
        "POST /api/x HTTP/1.1\r\nHost: gw:8080\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello",
        "POST /api/x HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        "GET /api/a HTTP/1.1\r\nHost: gw\r\n\r\nGET /api/b HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n",
        "GET http://gw/api/caf%C3%A9 HTTP/1.1\r\nHost: gw\r\nConnection: keep-alive, X-A\r\nX-A: 1\r\n\r\n",
    };
    private static final String[] TOKENS = {
        "\r\n", "\n", "\r", " ", "\t", ":", "Host: evil\r\n", "Content-Length: 3\r\n", "Transfer-Encoding: chunked\r\n",
        "Transfer-Encoding: gzip, chunked\r\n", "%2F", "%00", "..", "/../", ";", "%c0%af", "@", "#", "\u0000", "0\r\n\r\n",
        "\r\n\r\n", "HTTP/1.0", "Content-Length: -1\r\n", "Connection: content-length\r\n", "ff\r\n",
    };

    @TempDir
    static Path dir;

    static RawEchoUpstream upstream;
    static GatewayUnderTest gateway;

    @BeforeAll
    static void start() {
        upstream = RawEchoUpstream.start();
        gateway = GatewayUnderTest.start(dir, TestCatalogs.oneApi("/api", "/", upstream.pool("raw"), new Route[0]),
                Map.of("limits.maxRequestLine", "512", "limits.maxHeaderSize", "2KB", "limits.maxBodySize", "1KB",
                        "limits.headerTimeout", "2s", "limits.bodyRateWindow", "2s"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    @Test
    void mutatedRequestsNeverReachTheUpstreamMalformed() throws Exception {
        long seed = Long.getLong("turnpike.fuzz.seed", 0x7e57_f00dL);
        int iterations = Integer.getInteger("turnpike.fuzz.iterations", 200);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < iterations; i++) {
            byte[] request = mutate(SEEDS[random.nextInt(SEEDS.length)], random);
            String where = "seed " + seed + ", iteration " + i + ": "
                    + new String(request, StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n");
            List<RawHttp.Response> responses = exchange(request);
            List<RawEchoUpstream.Received> received = upstream.drain(Duration.ofMillis(20));
            assertThat(responses).as(where).noneMatch(r -> r.status() >= 500);
            long fromUpstream = responses.stream().filter(r -> r.status() == 200).count();
            assertThat(received.size()).as(where).isGreaterThanOrEqualTo((int) fromUpstream);
            for (RawEchoUpstream.Received r : received) {
                checkWellFormed(r, where);
            }
        }
    }

    private static void checkWellFormed(RawEchoUpstream.Received r, String where) {
        String line = r.requestLine();
        assertThat(line).as(where).matches(REQUEST_LINE);
        String path = line.substring(line.indexOf(' ') + 1, line.lastIndexOf(' '));
        int q = path.indexOf('?');
        assertThat(q < 0 ? path : path.substring(0, q)).as(where).doesNotContainPattern(REFUSED_IN_PATH);
        String head = r.head();
        assertThat(head.replace("\r\n", "")).as(where).doesNotContain("\r").doesNotContain("\n");
        boolean chunked = !r.header("transfer-encoding").isEmpty();
        assertThat(chunked && !r.header("content-length").isEmpty()).as(where + " (both framings)").isFalse();
        if (chunked) {
            assertThat(r.header("transfer-encoding")).as(where).containsExactly("chunked");
        }
        assertThat(r.header("content-length").size()).as(where).isLessThanOrEqualTo(1);
        assertThat(r.header("host")).as(where).hasSize(1);
    }

    private static List<RawHttp.Response> exchange(byte[] request) throws IOException {
        List<RawHttp.Response> responses = new ArrayList<>();
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            // No half-close: the gateway would take it for a client going away mid-exchange. A request the gateway
            // still waits on (a body never sent) ends when the read times out and the socket closes.
            socket.setSoTimeout(1_000);
            socket.getOutputStream().write(request);
            InputStream in = socket.getInputStream();
            while (responses.size() < 4) {
                try {
                    responses.add(RawHttp.read(in));
                    socket.setSoTimeout(300);
                } catch (IOException | RuntimeException e) {
                    break; // closed by the gateway (possibly mid-response after a refusal), or nothing more to read
                }
            }
        }
        return responses;
    }

    static byte[] mutate(String seed, SplittableRandom random) {
        StringBuilder b = new StringBuilder(seed);
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && b.length() > 0; m++) {
            int at = random.nextInt(b.length());
            switch (random.nextInt(7)) {
                case 0 -> b.setCharAt(at, (char) random.nextInt(256));
                case 1 -> b.insert(at, (char) random.nextInt(256));
                case 2 -> b.deleteCharAt(at);
                case 3 -> b.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                case 4 -> {
                    int start = b.lastIndexOf("\r\n", at);
                    int end = b.indexOf("\r\n", at);
                    if (start >= 0 && end > start) {
                        b.insert(end, b.substring(start, end));
                    }
                }
                case 5 -> {
                    int crlf = b.indexOf("\r\n", at);
                    if (crlf >= 0) {
                        b.replace(crlf, crlf + 2, random.nextBoolean() ? "\n" : "\r");
                    }
                }
                default -> {
                    int sp = b.indexOf(" ", at);
                    if (sp >= 0) {
                        b.replace(sp, sp + 1, random.nextBoolean() ? "\t" : "  ");
                    }
                }
            }
        }
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
