package dev.turnpike.gateway.trace;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * W3C trace context through a real node: the caller's trace is continued with the gateway's span as the upstream's
 * parent, a missing or malformed one starts a new trace, and the trace id is in the access log and in problems.
 */
class TraceContextTest {
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]");
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_ID = "00f067aa0ba902b7";

    @TempDir
    Path dir;

    TestUpstream upstream;
    GatewayUnderTest gateway;

    @BeforeEach
    void start() {
        upstream = TestUpstream.start("u");
        gateway = GatewayUnderTest.start(dir, TestCatalogs.oneApi("/t", "/", TestCatalogs.pool("p", upstream)));
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(gateway.uri(path));
        headers.forEach(b::header);
        return GatewayUnderTest.send(b);
    }

    @Test
    void continuesTheCallersTraceWithTheGatewaysSpanAsTheUpstreamsParent() throws Exception {
        assertThat(get("/t/x", Map.of("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01",
                "tracestate", "vendor=abc")).statusCode()).isEqualTo(200);

        TestUpstream.Seen seen = upstream.take();
        var m = TRACEPARENT.matcher(seen.headers().get("traceparent"));
        assertThat(m.matches()).isTrue();
        assertThat(m.group(1)).isEqualTo(TRACE_ID);
        assertThat(m.group(2)).isNotEqualTo(PARENT_ID).isNotEqualTo("0000000000000000");
        assertThat(seen.headers().get("traceparent")).endsWith("-01");
        assertThat(seen.headers().get("tracestate")).isEqualTo("vendor=abc");
    }

    @Test
    void anUnsampledCallerStaysUnsampled() throws Exception {
        get("/t/x", Map.of("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-00"));
        assertThat(upstream.take().headers().get("traceparent")).startsWith("00-" + TRACE_ID + "-").endsWith("-00");
    }

    @Test
    void startsANewTraceWhenThereIsNoneOrItIsMalformed() throws Exception {
        get("/t/x", Map.of());
        String first = upstream.take().headers().get("traceparent");
        get("/t/x", Map.of("traceparent", "00-" + "0".repeat(32) + "-" + PARENT_ID + "-01", "tracestate", "v=1"));
        TestUpstream.Seen second = upstream.take();

        assertThat(first).matches(TRACEPARENT).endsWith("-01");
        assertThat(second.headers().get("traceparent")).matches(TRACEPARENT)
                .doesNotContain("0".repeat(32)).isNotEqualTo(first);
        assertThat(second.headers().get("tracestate")).isNull(); // W3C: no valid parent, no tracestate
    }

    @Test
    void theTraceIdIsInTheAccessLogAndInProblems() throws Exception {
        Logger accessLogger = (Logger) LoggerFactory.getLogger("turnpike.access");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.list = new java.util.concurrent.CopyOnWriteArrayList<>(); // appended from event loops
        lines.start();
        accessLogger.addAppender(lines);
        try {
            HttpResponse<String> problem = get("/nowhere", Map.of("traceparent",
                    "00-" + TRACE_ID + "-" + PARENT_ID + "-01"));
            assertThat(problem.statusCode()).isEqualTo(404);
            assertThat(problem.body()).contains("\"traceId\":\"" + TRACE_ID + "\"");

            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(lines.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                            .contains("\"GET /nowhere\" 404").contains("trace=" + TRACE_ID)));
        } finally {
            accessLogger.detachAppender(lines);
        }
    }
}
