package dev.turnpike.gateway.server.conformance;

import static dev.turnpike.gateway.server.conformance.ConformanceCase.answered;
import static dev.turnpike.gateway.server.conformance.ConformanceCase.ok;
import static dev.turnpike.gateway.server.conformance.ConformanceCase.refused;
import static dev.turnpike.gateway.server.conformance.ConformanceCase.sequence;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * The cases of the conformance suite, by group. The gateway under test routes {@code /api} to the raw upstream with
 * upstream base path {@code /}, so {@code GET /api/x} arrives as {@code GET /x}; {@code /files} (routes
 * {@code GET /items/{id}} and {@code /raw/**}) goes to the same upstream and passes encoded slashes
 * ({@link EncodedSlashCases}). Limits: request line 512 bytes,
 * header block 2 KB, 20 fields, body 1 KB.
 */
final class ConformanceCases {
    static final String MALFORMED = "malformed-request";
    private static final String CRLF = "\r\n";

    private ConformanceCases() {
    }

    static List<ConformanceCase> all() {
        List<ConformanceCase> all = new ArrayList<>();
        host(all);
        framing(all);
        chunked(all);
        head(all);
        target(all);
        hopByHop(all);
        pipelining(all);
        limits(all);
        EncodedSlashCases.add(all);
        return all;
    }

    static String get(String target, String... fields) {
        StringBuilder b = new StringBuilder("GET ").append(target).append(" HTTP/1.1").append(CRLF);
        for (String f : fields) {
            b.append(f).append(CRLF);
        }
        return b.append(CRLF).toString();
    }

    private static String post(String framing, String body) {
        return "POST /api/x HTTP/1.1\r\nHost: gw\r\n" + framing + CRLF + CRLF + body;
    }

    private static void host(List<ConformanceCase> c) {
        String g = "host";
        c.add(ok(g, "one valid Host", get("/api/x", "Host: gw"),
                r -> assertThat(r.requestLine()).isEqualTo("GET /x HTTP/1.1")));
        c.add(ok(g, "Host with port", get("/api/x", "Host: gw:8080"),
                r -> assertThat(r.header("x-forwarded-host")).containsExactly("gw:8080")));
        c.add(ok(g, "Host IPv4", get("/api/x", "Host: 127.0.0.1"), r -> { }));
        c.add(ok(g, "Host IPv6 literal with port", get("/api/x", "Host: [::1]:8080"), r -> { }));
        c.add(ok(g, "Host upper case", get("/api/x", "Host: GW.Example"), r -> { }));
        c.add(new ConformanceCase(g, "HTTP/1.0 without Host (closed: 1.0 without keep-alive)",
                "GET /api/x HTTP/1.0\r\n\r\n", List.of(200), null, 1, true, r -> { }));
        c.add(refused(g, "HTTP/1.1 without Host", get("/api/x"), 400, MALFORMED));
        c.add(refused(g, "two different Host lines", get("/api/x", "Host: gw", "Host: evil"), 400, MALFORMED));
        c.add(refused(g, "the same Host twice", get("/api/x", "Host: gw", "Host: gw"), 400, MALFORMED));
        c.add(refused(g, "Host list in one line", get("/api/x", "Host: gw, evil"), 400, MALFORMED));
        c.add(refused(g, "empty Host", get("/api/x", "Host: "), 400, MALFORMED));
        c.add(refused(g, "Host with a space", get("/api/x", "Host: g w"), 400, MALFORMED));
        c.add(refused(g, "Host with userinfo", get("/api/x", "Host: user@gw"), 400, MALFORMED));
        c.add(refused(g, "Host with a path", get("/api/x", "Host: gw/admin"), 400, MALFORMED));
        c.add(refused(g, "Host with port out of range", get("/api/x", "Host: gw:99999"), 400, MALFORMED));
        c.add(refused(g, "Host with a non-numeric port", get("/api/x", "Host: gw:http"), 400, MALFORMED));
        c.add(refused(g, "Host with an empty port", get("/api/x", "Host: gw:"), 400, MALFORMED));
        c.add(refused(g, "Host with an unclosed IPv6 literal", get("/api/x", "Host: [::1"), 400, MALFORMED));
        c.add(refused(g, "Host with a query", get("/api/x", "Host: gw?a=b"), 400, MALFORMED));
        c.add(ok(g, "absolute-form agreeing with Host", get("http://gw/api/x", "Host: gw"),
                r -> assertThat(r.requestLine()).isEqualTo("GET /x HTTP/1.1")));
        c.add(refused(g, "absolute-form disagreeing with Host", get("http://gw/api/x", "Host: evil"), 400,
                MALFORMED));
        c.add(refused(g, "absolute-form without Host", get("http://gw/api/x"), 400, MALFORMED));
        c.add(refused(g, "absolute-form with userinfo", get("http://user@gw/api/x", "Host: gw"), 400, MALFORMED));
        c.add(refused(g, "absolute-form of another scheme", get("ftp://gw/api/x", "Host: gw"), 400, MALFORMED));
    }

    private static void framing(List<ConformanceCase> c) {
        String g = "framing";
        c.add(ok(g, "Content-Length body", post("Content-Length: 5", "hello"),
                r -> assertThat(r.body()).isEqualTo("hello")));
        c.add(ok(g, "Content-Length zero", post("Content-Length: 0", ""), r -> assertThat(r.body()).isEmpty()));
        c.add(ok(g, "Content-Length with trailing whitespace", post("Content-Length: 5 ", "hello"),
                r -> assertThat(r.body()).isEqualTo("hello")));
        c.add(refused(g, "Content-Length and Transfer-Encoding",
                post("Content-Length: 4\r\nTransfer-Encoding: chunked", "4\r\nabcd\r\n0\r\n\r\n"), 400, MALFORMED));
        c.add(refused(g, "two different Content-Length lines",
                post("Content-Length: 3\r\nContent-Length: 4", "abcd"), 400, MALFORMED));
        c.add(refused(g, "the same Content-Length twice",
                post("Content-Length: 4\r\nContent-Length: 4", "abcd"), 400, MALFORMED));
        c.add(refused(g, "Content-Length list", post("Content-Length: 4, 4", "abcd"), 400, MALFORMED));
        c.add(refused(g, "Content-Length with a plus sign", post("Content-Length: +4", "abcd"), 400, MALFORMED));
        c.add(refused(g, "negative Content-Length", post("Content-Length: -4", "abcd"), 400, MALFORMED));
        c.add(refused(g, "hexadecimal Content-Length", post("Content-Length: 0x4", "abcd"), 400, MALFORMED));
        c.add(refused(g, "Content-Length beyond 64 bits", post("Content-Length: 99999999999999999999", "a"), 400,
                MALFORMED));
        c.add(refused(g, "Transfer-Encoding gzip, chunked",
                post("Transfer-Encoding: gzip, chunked", "4\r\nabcd\r\n0\r\n\r\n"), 400, MALFORMED));
        c.add(refused(g, "Transfer-Encoding chunked, chunked",
                post("Transfer-Encoding: chunked, chunked", "4\r\nabcd\r\n0\r\n\r\n"), 400, MALFORMED));
        c.add(refused(g, "Transfer-Encoding on two lines",
                post("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked", "4\r\nabcd\r\n0\r\n\r\n"), 400,
                MALFORMED));
        c.add(refused(g, "Transfer-Encoding identity", post("Transfer-Encoding: identity", "abcd"), 400, MALFORMED));
        c.add(refused(g, "Transfer-Encoding chunked, then gzip",
                post("Transfer-Encoding: chunked, gzip", "4\r\nabcd\r\n0\r\n\r\n"), 400, MALFORMED));
        c.add(refused(g, "Transfer-Encoding xchunked", post("Transfer-Encoding: xchunked", "4\r\nabcd\r\n0\r\n\r\n"),
                400, MALFORMED));
        c.add(refused(g, "Transfer-Encoding with a space before the colon",
                post("Transfer-Encoding : chunked", "4\r\nabcd\r\n0\r\n\r\n"), 400, MALFORMED));
        c.add(refused(g, "Transfer-Encoding on HTTP/1.0",
                "POST /api/x HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n0\r\n\r\n", 400, MALFORMED));
        c.add(ok(g, "Transfer-Encoding in upper case", post("Transfer-Encoding: CHUNKED", "4\r\nabcd\r\n0\r\n\r\n"),
                r -> assertThat(r.body()).isEqualTo("4\r\nabcd\r\n0\r\n\r\n")));
        c.add(ok(g, "GET with a Content-Length body",
                "GET /api/x HTTP/1.1\r\nHost: gw\r\nContent-Length: 3\r\n\r\nabc",
                r -> assertThat(r.body()).isEqualTo("abc")));
    }

    private static void chunked(List<ConformanceCase> c) {
        String g = "chunked";
        String te = "Transfer-Encoding: chunked";
        c.add(ok(g, "two chunks", post(te, "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"),
                r -> assertThat(r.header("transfer-encoding")).containsExactly("chunked")));
        c.add(ok(g, "chunk extension", post(te, "4;name=value\r\nabcd\r\n0\r\n\r\n"),
                r -> assertThat(r.body()).contains("abcd")));
        c.add(ok(g, "trailer fields", post(te, "4\r\nabcd\r\n0\r\nX-Trailer: 1\r\n\r\n"),
                r -> assertThat(r.body()).contains("abcd")));
        c.add(refused(g, "invalid chunk size", post(te, "zz\r\nabcd\r\n0\r\n\r\n"), 400, MALFORMED));
        c.add(refused(g, "negative chunk size", post(te, "-4\r\nabcd\r\n0\r\n\r\n"), 400, MALFORMED));
        c.add(refused(g, "chunk size beyond 64 bits", post(te, "fffffffffffffffff1\r\nabcd\r\n0\r\n\r\n"), 400,
                MALFORMED));
        c.add(refused(g, "bare LF after the chunk size", post(te, "4\nabcd\r\n0\r\n\r\n"), 400, MALFORMED));
        c.add(refused(g, "chunk data longer than its size", post(te, "4\r\nabcdX\r\n0\r\n\r\n"), 400, MALFORMED));
        c.add(refused(g, "bare LF after the chunk data", post(te, "4\r\nabcd\n0\r\n\r\n"), 400, MALFORMED));
        c.add(refused(g, "bare LF in the last chunk", post(te, "4\r\nabcd\r\n0\n\n"), 400, MALFORMED));
        c.add(refused(g, "bare LF inside a chunk extension", post(te, "4;a\nb\r\nabcd\r\n0\r\n\r\n"), 400,
                MALFORMED));
    }

    private static void head(List<ConformanceCase> c) {
        String g = "head";
        c.add(ok(g, "empty line before the request line", CRLF + get("/api/x", "Host: gw"), r -> { }));
        c.add(ok(g, "tab as whitespace around a value", get("/api/x", "Host: gw", "X-A:\tv\t"),
                r -> assertThat(r.header("x-a")).containsExactly("v")));
        c.add(refused(g, "bare LF after the request line", "GET /api/x HTTP/1.1\nHost: gw\r\n\r\n", 400, MALFORMED));
        c.add(refused(g, "bare LF after a field", "GET /api/x HTTP/1.1\r\nHost: gw\nX-A: b\r\n\r\n", 400,
                MALFORMED));
        c.add(refused(g, "bare LF ending the head", "GET /api/x HTTP/1.1\r\nHost: gw\n\n", 400, MALFORMED));
        c.add(refused(g, "bare CR in a field value", get("/api/x", "Host: gw", "X-A: a\rb"), 400, MALFORMED));
        // RFC 9112 section 3 lets a recipient treat SP, HTAB, VT, FF and bare CR in the request line as one separator,
        // and section 5.2 lets it replace an obs-fold with SP instead of refusing: Netty's decoder does both, and the
        // gateway writes a clean head upstream, so nothing ambiguous reaches the upstream (docs/security.md).
        c.add(ok(g, "bare CR in the request line is a separator", "GET /api/x\r HTTP/1.1\r\nHost: gw\r\n\r\n",
                r -> assertThat(r.requestLine()).isEqualTo("GET /x HTTP/1.1")));
        c.add(ok(g, "obsolete line folding becomes a space", get("/api/x", "Host: gw", "X-A: a", " b"),
                r -> assertThat(r.header("x-a")).containsExactly("a b")));
        c.add(refused(g, "whitespace before the first field", "GET /api/x HTTP/1.1\r\n Host: gw\r\n\r\n", 400,
                MALFORMED));
        c.add(refused(g, "space before a field's colon", get("/api/x", "Host: gw", "X-A : b"), 400, MALFORMED));
        c.add(refused(g, "invalid character in a field name", get("/api/x", "Host: gw", "X(A): b"), 400,
                MALFORMED));
        c.add(refused(g, "empty field name", get("/api/x", "Host: gw", ": b"), 400, MALFORMED));
        c.add(refused(g, "field without a colon", get("/api/x", "Host: gw", "X-A b"), 400, MALFORMED));
        c.add(refused(g, "NUL in a field value", get("/api/x", "Host: gw", "X-A: a\u0000b"), 400, MALFORMED));
        c.add(ok(g, "two spaces in the request line are one separator", "GET  /api/x HTTP/1.1\r\nHost: gw\r\n\r\n",
                r -> assertThat(r.requestLine()).isEqualTo("GET /x HTTP/1.1")));
        c.add(refused(g, "trailing space in the request line", "GET /api/x HTTP/1.1 \r\nHost: gw\r\n\r\n", 400,
                MALFORMED));
        c.add(refused(g, "lower-case protocol name", "GET /api/x http/1.1\r\nHost: gw\r\n\r\n", 400, MALFORMED));
        c.add(refused(g, "HTTP/0.9 request line", "GET /api/x\r\n\r\n", 400, MALFORMED));
        c.add(refused(g, "HTTP/2.0 in an HTTP/1 request line", "GET /api/x HTTP/2.0\r\nHost: gw\r\n\r\n", 400,
                MALFORMED));
        c.add(refused(g, "garbage request line", "HELLO\r\n\r\n", 400, MALFORMED));
        c.add(refused(g, "method with a control character", "G\u0001T /api/x HTTP/1.1\r\nHost: gw\r\n\r\n", 400,
                MALFORMED));
    }

    private static void target(List<ConformanceCase> c) {
        String g = "target";
        String host = "Host: gw";
        c.add(ok(g, "dot segments resolved", get("/api/a/../x", host),
                r -> assertThat(r.requestLine()).isEqualTo("GET /x HTTP/1.1")));
        c.add(ok(g, "single dot segment resolved", get("/api/./x", host),
                r -> assertThat(r.requestLine()).isEqualTo("GET /x HTTP/1.1")));
        c.add(ok(g, "encoded dot segments resolved", get("/api/a/%2e%2E/x", host),
                r -> assertThat(r.requestLine()).isEqualTo("GET /x HTTP/1.1")));
        c.add(answered(g, "dot segments climbing out of the API", get("/api/../admin", host), 404, "no-route"));
        c.add(answered(g, "encoded dot segments climbing out", get("/api/%2e%2e/admin", host), 404, "no-route"));
        c.add(ok(g, "valid UTF-8 escapes forwarded as sent", get("/api/caf%C3%A9", host),
                r -> assertThat(r.requestLine()).isEqualTo("GET /caf%C3%A9 HTTP/1.1")));
        c.add(ok(g, "double-encoded dots stay literal", get("/api/%252e%252e/x", host),
                r -> assertThat(r.requestLine()).isEqualTo("GET /%252e%252e/x HTTP/1.1")));
        c.add(ok(g, "path parameter without dot segment", get("/api/x;v=1", host),
                r -> assertThat(r.requestLine()).isEqualTo("GET /x;v=1 HTTP/1.1")));
        c.add(ok(g, "query forwarded as sent", get("/api/x?a=%zz&b=/../c", host),
                r -> assertThat(r.requestLine()).isEqualTo("GET /x?a=%zz&b=/../c HTTP/1.1")));
        c.add(refused(g, "encoded slash", get("/api/a%2Fb", host), 400, MALFORMED));
        c.add(refused(g, "encoded slash in lower case", get("/api/a%2fb", host), 400, MALFORMED));
        c.add(refused(g, "dot segment with encoded slash", get("/api/..%2Fadmin", host), 400, MALFORMED));
        c.add(refused(g, "encoded backslash", get("/api/..%5Cadmin", host), 400, MALFORMED));
        c.add(refused(g, "encoded NUL", get("/api/a%00b", host), 400, MALFORMED));
        c.add(refused(g, "dot segment with path parameter", get("/api/..;/admin", host), 400, MALFORMED));
        c.add(refused(g, "dot segment with parameter value", get("/api/a/..;x=1/b", host), 400, MALFORMED));
        c.add(refused(g, "overlong UTF-8 slash", get("/api/%c0%af", host), 400, MALFORMED));
        c.add(refused(g, "overlong UTF-8 dot", get("/api/%c0%ae%c0%ae/x", host), 400, MALFORMED));
        c.add(refused(g, "invalid UTF-8 byte", get("/api/%ff", host), 400, MALFORMED));
        c.add(refused(g, "truncated UTF-8 sequence", get("/api/%e2%82", host), 400, MALFORMED));
        c.add(refused(g, "UTF-16 surrogate in UTF-8", get("/api/%ed%a0%80", host), 400, MALFORMED));
        c.add(refused(g, "invalid escape", get("/api/%zz", host), 400, MALFORMED));
        c.add(refused(g, "truncated escape", get("/api/x%2", host), 400, MALFORMED));
        c.add(refused(g, "IIS-style %u escape", get("/api/%u002e", host), 400, MALFORMED));
        c.add(refused(g, "raw backslash", get("/api/a\\b", host), 400, MALFORMED));
        c.add(refused(g, "raw non-ASCII byte", get("/api/caf\u00e9", host), 400, MALFORMED));
        c.add(refused(g, "fragment in the target", get("/api/x#frag", host), 400, MALFORMED));
        c.add(refused(g, "relative target", get("api/x", host), 400, MALFORMED));
        c.add(refused(g, "asterisk-form on GET", get("*", host), 400, MALFORMED));
        c.add(refused(g, "authority-form CONNECT", "CONNECT gw:443 HTTP/1.1\r\nHost: gw:443\r\n\r\n", 400,
                MALFORMED));
    }

    private static void hopByHop(List<ConformanceCase> c) {
        String g = "hop-by-hop";
        c.add(new ConformanceCase(g, "Connection: close is honoured and not forwarded",
                get("/api/x", "Host: gw", "Connection: close"), List.of(200), null, 1, true,
                r -> assertThat(r.get(0).header("connection")).isEmpty()));
        c.add(ok(g, "fields named by Connection are removed", get("/api/x", "Host: gw", "Connection: X-Secret",
                "X-Secret: 1"), r -> assertThat(r.header("x-secret")).isEmpty()));
        c.add(ok(g, "Connection cannot remove the gateway's forwarding fields",
                get("/api/x", "Host: gw", "Connection: X-Forwarded-For, X-Request-Id"),
                r -> {
                    assertThat(r.header("x-forwarded-for")).containsExactly("127.0.0.1");
                    assertThat(r.header("x-request-id")).hasSize(1);
                }));
        c.add(ok(g, "Keep-Alive, TE, Trailer and Proxy-* removed",
                get("/api/x", "Host: gw", "Keep-Alive: timeout=5", "TE: trailers", "Trailer: X-T",
                        "Proxy-Authorization: Basic eDp5"),
                r -> {
                    assertThat(r.header("keep-alive")).isEmpty();
                    assertThat(r.header("te")).isEmpty();
                    assertThat(r.header("trailer")).isEmpty();
                    assertThat(r.header("proxy-authorization")).isEmpty();
                }));
        c.add(ok(g, "Upgrade is not forwarded", get("/api/x", "Host: gw", "Connection: Upgrade",
                "Upgrade: websocket"), r -> assertThat(r.header("upgrade")).isEmpty()));
        c.add(refused(g, "Connection naming Content-Length",
                "POST /api/x HTTP/1.1\r\nHost: gw\r\nConnection: Content-Length\r\nContent-Length: 4\r\n\r\nabcd",
                400, MALFORMED));
        c.add(refused(g, "Connection naming Host", get("/api/x", "Host: gw", "Connection: Host"), 400, MALFORMED));
        c.add(refused(g, "Connection naming Transfer-Encoding",
                post("Connection: Transfer-Encoding\r\nTransfer-Encoding: chunked", "4\r\nabcd\r\n0\r\n\r\n"), 400,
                MALFORMED));
    }

    private static void pipelining(List<ConformanceCase> c) {
        String g = "pipelining";
        String a = get("/api/a", "Host: gw");
        String b = get("/api/b", "Host: gw");
        c.add(sequence(g, "two valid requests answered in order", a + b, List.of(200, 200), null, 2, false,
                r -> assertThat(r).extracting(x -> x.requestLine())
                        .containsExactly("GET /a HTTP/1.1", "GET /b HTTP/1.1")));
        c.add(sequence(g, "valid, then two Host lines", a + get("/api/b", "Host: gw", "Host: evil"),
                List.of(200, 400), MALFORMED, 1, true,
                r -> assertThat(r.get(0).requestLine()).isEqualTo("GET /a HTTP/1.1")));
        c.add(sequence(g, "valid, then garbage", a + "HELLO\r\n\r\n", List.of(200, 400), MALFORMED, 1, true,
                r -> assertThat(r.get(0).requestLine()).isEqualTo("GET /a HTTP/1.1")));
        c.add(sequence(g, "valid, then bare LF", a + "GET /api/b HTTP/1.1\nHost: gw\n\n", List.of(200, 400),
                MALFORMED, 1, true, r -> { }));
        c.add(sequence(g, "valid, then encoded slash", a + get("/api/a%2Fb", "Host: gw"), List.of(200, 400),
                MALFORMED, 1, true, r -> { }));
        c.add(sequence(g, "valid, then Content-Length with Transfer-Encoding",
                a + post("Content-Length: 4\r\nTransfer-Encoding: chunked", "4\r\nabcd\r\n0\r\n\r\n"),
                List.of(200, 400), MALFORMED, 1, true, r -> { }));
        c.add(sequence(g, "two valid, then missing Host", a + b + get("/api/c"), List.of(200, 200, 400), MALFORMED,
                2, true, r -> assertThat(r).hasSize(2)));
        c.add(sequence(g, "refused first ends the connection", get("/api/a%00", "Host: gw") + b, List.of(400),
                MALFORMED, 0, true, r -> { }));
        c.add(sequence(g, "body then a request: no smuggling",
                post("Content-Length: 5", "hello") + b, List.of(200, 200), null, 2, false,
                r -> {
                    assertThat(r.get(0).body()).isEqualTo("hello");
                    assertThat(r.get(1).requestLine()).isEqualTo("GET /b HTTP/1.1");
                }));
        c.add(sequence(g, "chunked body then a request",
                post("Transfer-Encoding: chunked", "5\r\nhello\r\n0\r\n\r\n") + b, List.of(200, 200), null, 2, false,
                r -> assertThat(r.get(1).requestLine()).isEqualTo("GET /b HTTP/1.1")));
        c.add(sequence(g, "Connection: close stops the pipeline",
                get("/api/a", "Host: gw", "Connection: close") + b, List.of(200), null, 1, true,
                r -> assertThat(r.get(0).requestLine()).isEqualTo("GET /a HTTP/1.1")));
        c.add(sequence(g, "404 keeps the pipeline going", get("/nothing", "Host: gw") + b, List.of(404, 200), null,
                1, false, r -> assertThat(r.get(0).requestLine()).isEqualTo("GET /b HTTP/1.1")));
    }

    private static void limits(List<ConformanceCase> c) {
        String g = "limits";
        c.add(refused(g, "request line over the limit", get("/api/" + "a".repeat(600), "Host: gw"), 414,
                "uri-too-long"));
        c.add(refused(g, "header block over the limit", get("/api/x", "Host: gw", "X-Big: " + "b".repeat(3000)), 431,
                "headers-too-large"));
        String[] many = new String[25];
        many[0] = "Host: gw";
        for (int i = 1; i < many.length; i++) {
            many[i] = "X-H" + i + ": " + i;
        }
        c.add(refused(g, "too many fields", get("/api/x", many), 431, "headers-too-large"));
        c.add(refused(g, "declared body over the limit", post("Content-Length: 5000", "x".repeat(5000)), 413,
                "body-too-large"));
        c.add(ok(g, "body at the limit", post("Content-Length: 1024", "x".repeat(1024)),
                r -> assertThat(r.rawBody()).hasSize(1024)));
    }
}
