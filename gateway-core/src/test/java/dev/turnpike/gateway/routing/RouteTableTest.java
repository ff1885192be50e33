package dev.turnpike.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private static final Optional<String> ANY = Optional.empty();

    private static RouteTable.Builder<String> builder() {
        return RouteTable.builder();
    }

    private static String value(RouteTable<String> table, String method, String path) {
        RouteMatch<String> m = table.match("api.example.com", method, path);
        return m == null ? null : m.value();
    }

    @Test
    void matchesLiteralTemplateAndReturnsNullWhenNothingMatches() {
        RouteTable<String> t = builder().add(ANY, "GET", "/products/v1/items", "items").build();

        RouteMatch<String> m = t.match("h", "GET", "/products/v1/items");
        assertThat(m.value()).isEqualTo("items");
        assertThat(m.template()).isEqualTo("/products/v1/items");
        assertThat(m.pathParams("/products/v1/items")).isEmpty();
        assertThat(t.match("h", "GET", "/products/v1")).isNull();
        assertThat(t.match("h", "GET", "/products/v1/items/7")).isNull();
        assertThat(t.match("h", "GET", "/products/v1/item")).isNull();
        assertThat(t.match("h", "GET", "products/v1/items")).isNull();
        assertThat(t.match("h", "GET", "")).isNull();
    }

    @Test
    void literalBeatsParamWhichBeatsCatchAll() {
        RouteTable<String> t = builder()
                .add(ANY, "GET", "/a/**", "rest")
                .add(ANY, "GET", "/a/{p}", "param")
                .add(ANY, "GET", "/a/b", "literal")
                .build();

        assertThat(value(t, "GET", "/a/b")).isEqualTo("literal");
        assertThat(value(t, "GET", "/a/c")).isEqualTo("param");
        assertThat(value(t, "GET", "/a/c/d")).isEqualTo("rest");
        assertThat(value(t, "GET", "/a")).isEqualTo("rest");
    }

    @Test
    void decidesSegmentBySegmentFromTheLeft() {
        RouteTable<String> t = builder()
                .add(ANY, "GET", "/{x}/b/c", "param-first")
                .add(ANY, "GET", "/a/{y}/{z}", "literal-first")
                .build();

        assertThat(value(t, "GET", "/a/b/c")).isEqualTo("literal-first");
        assertThat(value(t, "GET", "/q/b/c")).isEqualTo("param-first");
    }

    @Test
    void backtracksWhenAMoreSpecificBranchFailsDeeper() {
        RouteTable<String> t = builder()
                .add(ANY, "GET", "/a/b/x", "literal")
                .add(ANY, "GET", "/a/{p}/c", "param")
                .add(ANY, "GET", "/a/**", "rest")
                .build();

        RouteMatch<String> m = t.match("h", "GET", "/a/b/c");
        assertThat(m.value()).isEqualTo("param");
        assertThat(m.pathParams("/a/b/c")).containsExactly(Map.entry("p", "b"));
        assertThat(value(t, "GET", "/a/b/x")).isEqualTo("literal");
        assertThat(value(t, "GET", "/a/b/y")).isEqualTo("rest");
    }

    @Test
    void exactMethodBeatsAnyMethodAtTheSameTemplate() {
        RouteTable<String> t = builder()
                .add(ANY, "*", "/a", "any")
                .add(ANY, "GET", "/a", "get")
                .build();

        assertThat(value(t, "GET", "/a")).isEqualTo("get");
        assertThat(value(t, "POST", "/a")).isEqualTo("any");
        assertThat(value(t, "PROPFIND", "/a")).isEqualTo("any");
    }

    @Test
    void moreSpecificTemplateBeatsExactMethod() {
        RouteTable<String> t = builder()
                .add(ANY, "*", "/a/b", "literal-any")
                .add(ANY, "GET", "/a/{p}", "param-get")
                .build();

        assertThat(value(t, "GET", "/a/b")).isEqualTo("literal-any");
    }

    @Test
    void templateWithoutTheMethodFallsThroughToALessSpecificOne() {
        RouteTable<String> t = builder()
                .add(ANY, "POST", "/a/b", "post-literal")
                .add(ANY, "GET", "/a/{p}", "get-param")
                .build();

        assertThat(value(t, "GET", "/a/b")).isEqualTo("get-param");
        assertThat(value(t, "POST", "/a/b")).isEqualTo("post-literal");
        assertThat(value(t, "DELETE", "/a/b")).isNull();
        assertThat(value(t, "get", "/a/b")).as("methods are case-sensitive").isNull();
    }

    @Test
    void extractsRawParamsInTemplateOrder() {
        RouteTable<String> t = builder().add(ANY, "GET", "/users/{userId}/orders/{orderId}", "order").build();

        RouteMatch<String> m = t.match("h", "GET", "/users/a%20b/orders/42;v=1");
        String path = "/users/a%20b/orders/42;v=1";
        assertThat(m.pathParams(path)).containsExactly(Map.entry("userId", "a%20b"), Map.entry("orderId", "42;v=1"));
        assertThat(t.match("h", "GET", "/users/x/orders/7")).as("one match per route, whatever the path").isSameAs(m);
        assertThatThrownBy(() -> m.pathParams(path).put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void paramsAreReadFromTheirSegmentsAroundLiteralsAndBeforeACatchAll() {
        RouteTable<String> t = builder().add(ANY, "GET", "/a/{x}/b/{y}/**", "deep").build();

        RouteMatch<String> m = t.match("h", "GET", "/a/1/b/2/c/d");
        assertThat(m.value()).isEqualTo("deep");
        assertThat(m.pathParams("/a/1/b/2/c/d")).containsExactly(Map.entry("x", "1"), Map.entry("y", "2"));
        assertThat(m.pathParams("/a/1/b/2")).as("nothing below the catch-all").containsExactly(Map.entry("x", "1"),
                Map.entry("y", "2"));
    }

    @Test
    void paramMatchesExactlyOneNonEmptySegment() {
        RouteTable<String> t = builder().add(ANY, "GET", "/items/{id}", "item").build();

        assertThat(value(t, "GET", "/items/7")).isEqualTo("item");
        assertThat(value(t, "GET", "/items/")).isNull();
        assertThat(value(t, "GET", "/items")).isNull();
        assertThat(value(t, "GET", "/items/7/x")).isNull();
        assertThat(value(t, "GET", "/items//")).isNull();
    }

    @Test
    void catchAllMatchesAnyRestIncludingNothing() {
        RouteTable<String> t = builder().add(ANY, "*", "/products/v1/**", "products").build();

        assertThat(value(t, "GET", "/products/v1")).isEqualTo("products");
        assertThat(value(t, "GET", "/products/v1/")).isEqualTo("products");
        assertThat(value(t, "GET", "/products/v1/items/7")).isEqualTo("products");
        assertThat(value(t, "GET", "/products/v1//x/")).isEqualTo("products");
        assertThat(value(t, "GET", "/products/v1x")).isNull();
        assertThat(value(t, "GET", "/products")).isNull();
    }

    @Test
    void catchAllParamsComeFromTheSegmentsBeforeIt() {
        RouteTable<String> t = builder().add(ANY, "GET", "/tenants/{tenant}/**", "tenant").build();

        RouteMatch<String> m = t.match("h", "GET", "/tenants/acme/files/a.txt");
        assertThat(m.pathParams("/tenants/acme/files/a.txt")).containsExactly(Map.entry("tenant", "acme"));
        assertThat(m.template()).isEqualTo("/tenants/{tenant}/**");
    }

    @Test
    void rootTemplatesMatch() {
        RouteTable<String> t = builder()
                .add(ANY, "GET", "/", "root")
                .add(ANY, "GET", "/**", "everything")
                .build();

        assertThat(value(t, "GET", "/")).isEqualTo("root");
        assertThat(value(t, "GET", "/x")).isEqualTo("everything");
        assertThat(value(t, "GET", "/x/y/")).isEqualTo("everything");
        assertThat(value(t, "POST", "/")).isNull();
    }

    @Test
    void routeEndingAtThePathBeatsCatchAllStartingThere() {
        RouteTable<String> t = builder()
                .add(ANY, "GET", "/a/**", "rest")
                .add(ANY, "GET", "/a", "exact")
                .build();

        assertThat(value(t, "GET", "/a")).isEqualTo("exact");
        assertThat(value(t, "GET", "/a/")).isEqualTo("rest");
    }

    @Test
    void trailingSlashIsSignificantForLiteralTemplates() {
        RouteTable<String> t = builder()
                .add(ANY, "GET", "/a", "no-slash")
                .add(ANY, "GET", "/b/", "slash")
                .build();

        assertThat(value(t, "GET", "/a")).isEqualTo("no-slash");
        assertThat(value(t, "GET", "/a/")).isNull();
        assertThat(value(t, "GET", "/b/")).isEqualTo("slash");
        assertThat(value(t, "GET", "/b")).isNull();
    }

    @Test
    void hostRoutesComeFirstThenAnyHostRoutes() {
        RouteTable<String> t = builder()
                .add(Optional.of("api.example.com"), "GET", "/a/{p}", "host-param")
                .add(ANY, "GET", "/a/b", "any-literal")
                .add(ANY, "GET", "/c", "any-c")
                .build();

        assertThat(t.match("api.example.com", "GET", "/a/b").value())
                .as("a host route beats a more specific any-host route").isEqualTo("host-param");
        assertThat(t.match("api.example.com", "GET", "/c").value()).isEqualTo("any-c");
        assertThat(t.match("other.example.com", "GET", "/a/b").value()).isEqualTo("any-literal");
        assertThat(t.match("other.example.com", "GET", "/a/z")).isNull();
        assertThat(t.match(null, "GET", "/a/b").value()).isEqualTo("any-literal");
    }

    @Test
    void hostIsCaseInsensitiveAndItsPortIgnored() {
        RouteTable<String> t = builder()
                .add(Optional.of("API.Example.com"), "GET", "/a", "named")
                .add(Optional.of("::1"), "GET", "/a", "ipv6")
                .add(Optional.of("10.0.0.1"), "GET", "/a", "ipv4")
                .build();

        assertThat(t.match("api.example.com:8080", "GET", "/a").value()).isEqualTo("named");
        assertThat(t.match("Api.EXAMPLE.Com", "GET", "/a").value()).isEqualTo("named");
        assertThat(t.match("[::1]:8443", "GET", "/a").value()).isEqualTo("ipv6");
        assertThat(t.match("[::1]", "GET", "/a").value()).isEqualTo("ipv6");
        assertThat(t.match("10.0.0.1:80", "GET", "/a").value()).isEqualTo("ipv4");
        assertThat(t.match("api.example.co", "GET", "/a")).isNull();
        assertThat(t.match("api.example.com.evil", "GET", "/a")).isNull();
    }

    @Test
    void rejectsTheSameRouteTwiceNamingBoth() {
        RouteTable.Builder<String> b = builder().add(ANY, "GET", "/a/{x}", "first");

        assertThatThrownBy(() -> b.add(ANY, "GET", "/a/{x}", "again"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pathTemplate: \"/a/{x}\" (expected: a template not yet added for GET on any host;"
                        + " \"/a/{x}\" has it)");
        assertThatThrownBy(() -> b.add(ANY, "GET", "/a/{y}", "renamed"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"/a/{y}\"").hasMessageContaining("\"/a/{x}\" has it");
    }

    @Test
    void rejectsCatchAllTwiceOnTheSameHost() {
        RouteTable.Builder<String> b = builder().add(Optional.of("h.example"), "*", "/x/{a}/**", "first");

        assertThatThrownBy(() -> b.add(Optional.of("H.example"), "*", "/x/{b}/**", "second"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("on host h.example").hasMessageContaining("\"/x/{a}/**\" has it");
    }

    @Test
    void acceptsTheSameTemplateForOtherMethodsHostsAndShapes() {
        RouteTable<String> t = builder()
                .add(ANY, "GET", "/a/{x}", "get")
                .add(ANY, "POST", "/a/{y}", "post")
                .add(ANY, "*", "/a/{z}", "any")
                .add(Optional.of("h.example"), "GET", "/a/{x}", "host")
                .add(ANY, "GET", "/a/{x}/**", "rest")
                .add(ANY, "GET", "/a/{x}/", "slash")
                .build();

        assertThat(t.size()).isEqualTo(6);
        assertThat(t.match("x", "POST", "/a/1").pathParams("/a/1")).containsExactly(Map.entry("y", "1"));
        assertThat(t.match("x", "GET", "/a/1/").value()).isEqualTo("slash");
        assertThat(t.match("x", "GET", "/a/1/2").value()).isEqualTo("rest");
    }

    @Test
    void rejectsInvalidArguments() {
        RouteTable.Builder<String> b = builder();

        assertThatThrownBy(() -> b.add(ANY, "get", "/a", "v"))
                .hasMessage("method: \"get\" (expected: an upper-case method or *)");
        assertThatThrownBy(() -> b.add(ANY, "GET", "a", "v"))
                .hasMessage("pathTemplate: \"a\" (expected: a path starting with /)");
        assertThatThrownBy(() -> b.add(ANY, "GET", "/a/**/b", "v"))
                .hasMessageStartingWith("pathTemplate: \"/a/**/b\" (expected: ");
        assertThatThrownBy(() -> b.add(ANY, "GET", "/a/{x}/{x}", "v"))
                .hasMessage("pathTemplate: \"/a/{x}/{x}\" (expected: distinct parameter names)");
        assertThatThrownBy(() -> b.add(Optional.of("h.example:8080"), "GET", "/a", "v"))
                .hasMessage("host: \"h.example:8080\" (expected: a host name without port)");
        assertThatThrownBy(() -> b.add(Optional.of(" "), "GET", "/a", "v"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(b.build().size()).isZero();
    }

    @Test
    void allowedMethodsListsEveryRouteWhosePathMatches() {
        RouteTable<String> t = builder()
                .add(ANY, "GET", "/a/{p}", "v")
                .add(ANY, "POST", "/a/b", "v")
                .add(ANY, "DELETE", "/a/**", "v")
                .add(ANY, "PUT", "/c", "v")
                .add(Optional.of("h.example"), "PATCH", "/a/b", "v")
                .build();

        assertThat(t.allowedMethods("h.example:80", "/a/b")).containsExactly("DELETE", "GET", "PATCH", "POST");
        assertThat(t.allowedMethods("other", "/a/b")).containsExactly("DELETE", "GET", "POST");
        assertThat(t.allowedMethods("other", "/c")).containsExactly("PUT");
        assertThat(t.allowedMethods("other", "/nothing")).isEmpty();
        assertThat(t.match("other", "PUT", "/a/b")).isNull();
    }

    @Test
    void emptyTableMatchesNothing() {
        RouteTable<String> t = builder().build();

        assertThat(t.size()).isZero();
        assertThat(t.match("h", "GET", "/")).isNull();
        assertThat(t.allowedMethods("h", "/")).isEmpty();
    }
}
