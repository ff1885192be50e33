package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestTargetTest {

    @ParameterizedTest
    @CsvSource({
        "/a/b,                  /a/b",
        "/a/b/,                 /a/b/",
        "/a/./b,                /a/b",
        "/a/../b,               /b",
        "/../../etc/passwd,     /etc/passwd",
        "/a/%2e%2e/b,           /b",
        "/a/%2E/b,              /a/b",
        "/a/b/..,               /a/",
        "/a/b/.,                /a/b/",
        "/..,                   /",
        "/a/.hidden,            /a/.hidden",
        "/a/..b,                /a/..b",
    })
    void removesDotSegments(String raw, String expected) {
        assertThat(RequestTarget.parse(raw).path()).isEqualTo(expected);
    }

    @Test
    void splitsQueryAndDropsFragment() {
        RequestTarget t = RequestTarget.parse("/a/b?x=1&y=%20#frag");
        assertThat(t.path()).isEqualTo("/a/b");
        assertThat(t.query()).isEqualTo("x=1&y=%20");
    }

    @Test
    void acceptsAbsoluteForm() {
        RequestTarget t = RequestTarget.parse("http://example.com:8080/a/b?q=1");
        assertThat(t.path()).isEqualTo("/a/b");
        assertThat(t.query()).isEqualTo("q=1");
        assertThat(RequestTarget.parse("https://example.com").path()).isEqualTo("/");
    }

    @Test
    void rejectsWhatIsNotAPath() {
        assertThat(RequestTarget.parse("*")).isNull();
        assertThat(RequestTarget.parse("ftp://x/y")).isNull();
        assertThat(RequestTarget.parse("/a\\b")).isNull();
        assertThat(RequestTarget.parse("a/b")).isNull();
    }
}
