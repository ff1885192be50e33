package dev.turnpike.gateway.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.testing.GatewayUnderTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Requests to the lookup API of a node under test, and checks of its problem answers. */
final class LookupCalls {
    private LookupCalls() {
    }

    /** {@code GET path} on {@code gw} with {@code key} (none when null) and header name/value pairs. */
    static HttpResponse<String> get(GatewayUnderTest gw, String path, String key, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(gw.uri(path));
        if (key != null) {
            b.header("X-Api-Key", key);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return GatewayUnderTest.send(b);
    }

    /** {@code r} is an {@code application/problem+json} answer with {@code status} and problem type {@code type}. */
    static void assertProblem(HttpResponse<String> r, int status, String type) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(r.body()).contains("https://turnpike.dev/problems/" + type);
    }
}
