package dev.turnpike.gateway.server.conformance;

import static dev.turnpike.gateway.server.conformance.ConformanceCase.answered;
import static dev.turnpike.gateway.server.conformance.ConformanceCase.ok;
import static dev.turnpike.gateway.server.conformance.ConformanceCase.refused;
import static dev.turnpike.gateway.server.conformance.ConformanceCase.sequence;
import static dev.turnpike.gateway.server.conformance.ConformanceCases.MALFORMED;
import static dev.turnpike.gateway.server.conformance.ConformanceCases.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * Encoded slashes per API: {@code /files} passes them ({@code policies.encodedSlashes: pass}), so its paths reach the
 * upstream with {@code %2F} and {@code %5C} untouched and matched inside their segment; {@code /api} (the default), an
 * unrouted path and the gateway's own {@code /_turnpike/} refuse them.
 */
final class EncodedSlashCases {
    private static final String HOST = "Host: gw";

    private EncodedSlashCases() {
    }

    static void add(List<ConformanceCase> c) {
        String g = "encoded-slash";
        c.add(ok(g, "passing API: encoded slash forwarded untouched", get("/files/raw/dir%2Ffile.txt", HOST),
                r -> assertThat(r.requestLine()).isEqualTo("GET /raw/dir%2Ffile.txt HTTP/1.1")));
        c.add(ok(g, "passing API: lower case and backslash kept as sent", get("/files/raw/a%2fb%5Cc", HOST),
                r -> assertThat(r.requestLine()).isEqualTo("GET /raw/a%2fb%5Cc HTTP/1.1")));
        c.add(ok(g, "passing API: encoded slash is one segment for {id}", get("/files/items/a%2Fb", HOST),
                r -> assertThat(r.requestLine()).isEqualTo("GET /items/a%2Fb HTTP/1.1")));
        c.add(answered(g, "passing API: a real slash is two segments", get("/files/items/a/b", HOST), 404,
                "no-route"));
        c.add(ok(g, "passing API: dot segments around it still resolved", get("/files/raw/./x/../a%2Fb", HOST),
                r -> assertThat(r.requestLine()).isEqualTo("GET /raw/a%2Fb HTTP/1.1")));
        c.add(ok(g, "passing API: ..%2F is not a dot segment", get("/files/raw/..%2Fetc", HOST),
                r -> assertThat(r.requestLine()).isEqualTo("GET /raw/..%2Fetc HTTP/1.1")));
        c.add(refused(g, "passing API: encoded NUL still refused", get("/files/raw/a%2F%00", HOST), 400, MALFORMED));
        c.add(refused(g, "default API refuses", get("/api/dir%2Ffile.txt", HOST), 400, MALFORMED));
        c.add(refused(g, "dot segments lead out of the passing API", get("/files/../api/a%2Fb", HOST), 400,
                MALFORMED));
        c.add(refused(g, "no route refuses", get("/elsewhere/a%2Fb", HOST), 400, MALFORMED));
        c.add(refused(g, "passing API, method without a route", get("/files/items/a%2Fb", HOST).replace("GET", "PUT"),
                400, MALFORMED));
        c.add(refused(g, "the gateway's own paths refuse", get("/_turnpike/lookup/v1/apis/a%2Fb", HOST), 400,
                MALFORMED));
        c.add(sequence(g, "passing, then refused, on one connection", get("/files/raw/a%2Fb", HOST)
                + get("/api/a%2Fb", HOST) + get("/files/raw/c", HOST), List.of(200, 400), MALFORMED, 1, true,
                r -> assertThat(r.get(0).requestLine()).isEqualTo("GET /raw/a%2Fb HTTP/1.1")));
    }
}
