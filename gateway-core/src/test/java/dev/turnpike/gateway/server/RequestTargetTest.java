package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void splitsQueryAndRefusesFragments() {
        RequestTarget t = RequestTarget.parse("/a/b?x=1&y=%20");
        assertThat(t.path()).isEqualTo("/a/b");
        assertThat(t.query()).isEqualTo("x=1&y=%20");
        assertThat(RequestTarget.parse("/a/b?x=1#frag")).isNull();
        assertThat(RequestTarget.parse("/a/b#frag")).isNull();
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
        assertThat(RequestTarget.parse("http://user@x/y")).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "/a%00,           encoded-nul",
        "/..;/admin,      dot-segment-parameter",
        "/%2e%2E;x/admin, dot-segment-parameter",
        "/%c0%af,         escape-utf8",
        "/%ed%a0%80,      escape-utf8",
        "/%e2%82,         escape-utf8",
        "/%zz,            escape-invalid",
        "/x%2,            escape-invalid",
        "/x#y,            target-fragment",
        "*,               target-form",
    })
    void refusesWithAReason(String raw, String reason) {
        assertThatThrownBy(() -> RequestTarget.check(raw)).isInstanceOfSatisfying(Refusal.RefusedException.class,
                e -> assertThat(e.refusal().reason()).isEqualTo(reason));
    }

    @Test
    void notesAnEncodedSlashOrBackslashAndKeepsItInItsSegment() {
        RequestTarget slash = RequestTarget.parse("/files/a%2Fb/./c");
        assertThat(slash.encodedSlash()).isTrue();
        assertThat(slash.path()).isEqualTo("/files/a%2Fb/c");
        assertThat(RequestTarget.parse("/files/..%5cadmin").encodedSlash()).isTrue();
        assertThat(RequestTarget.parse("/files/..%5cadmin").path()).isEqualTo("/files/..%5cadmin");
        assertThat(RequestTarget.parse("/files/a%252Fb").encodedSlash()).isFalse();
        assertThat(RequestTarget.parse("/files/a/b").encodedSlash()).isFalse();
        // Other rules still apply to a path with an encoded slash.
        assertThatThrownBy(() -> RequestTarget.check("/a%2F%00")).isInstanceOfSatisfying(Refusal.RefusedException.class,
                e -> assertThat(e.refusal().reason()).isEqualTo("encoded-nul"));
    }

    @Test
    void keepsValidEscapesAndParametersAsSent() {
        assertThat(RequestTarget.parse("/caf%C3%A9;v=1/%252e").path()).isEqualTo("/caf%C3%A9;v=1/%252e");
    }
}
