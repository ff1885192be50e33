package dev.turnpike.registry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CatalogTest {
    private static final UpstreamPool POOL = UpstreamPool.of("p", List.of(new Instance("h", 1, 1)));
    private static final Team WEB = new Team("web-team", "Web", "web@example.com", "");
    private static final Team CATALOG = new Team("catalog-team", "Catalog", "", "");

    private static Api api(String id, String owner) {
        return Api.builder(id, owner, "/" + id).targets(List.of(new Target("p", 1))).build();
    }

    @Test
    void withoutTeamsAnyOwnerIsAcceptedAsBefore() {
        Catalog catalog = new Catalog(List.of(api("a", "anyone")), List.of(POOL));

        assertThat(catalog.teams()).isEmpty();
        assertThat(catalog.ownedBy("anyone")).extracting(Api::id).containsExactly("a");
    }

    @Test
    void withTeamsOwnersAndConsumerTeamsMustBeDeclared() {
        assertThatThrownBy(() -> new Catalog(List.of(CATALOG), List.of(api("a", "ghost")), List.of(POOL), List.of(),
                List.of())).hasMessage("apis.a.owner: \"ghost\" (expected: the id of a team in the catalog)");
        Consumer web = new Consumer("web", "Web", "ghost", "", ConsumerState.ACTIVE);
        assertThatThrownBy(() -> new Catalog(List.of(CATALOG), List.of(api("a", "catalog-team")), List.of(POOL),
                List.of(web), List.of()))
                .hasMessage("consumers.web.team: \"ghost\" (expected: the id of a team in the catalog)");
        assertThatThrownBy(() -> new Catalog(List.of(CATALOG, CATALOG), List.of(), List.of(), List.of(), List.of()))
                .hasMessage("teams: id \"catalog-team\" twice (expected: unique ids)");
    }

    @Test
    void listsEveryBrokenRuleAtOnce() {
        // Declaring the first team in a catalog whose owners are not teams breaks one rule per owner: all are named.
        Consumer web = new Consumer("web", "Web", "ghost", "", ConsumerState.ACTIVE);
        assertThatThrownBy(() -> new Catalog(List.of(CATALOG), List.of(api("a", "x"), api("b", "y")), List.of(POOL),
                List.of(web), List.of()))
                .isInstanceOfSatisfying(CatalogRuleException.class, e -> assertThat(e.violations()).containsExactly(
                        "apis.a.owner: \"x\" (expected: the id of a team in the catalog)",
                        "apis.b.owner: \"y\" (expected: the id of a team in the catalog)",
                        "consumers.web.team: \"ghost\" (expected: the id of a team in the catalog)"));
    }

    @Test
    void answersWhatATeamOwnsAndCalls() {
        Consumer web = new Consumer("web", "Web", "web-team", "", ConsumerState.ACTIVE);
        Catalog catalog = new Catalog(List.of(WEB, CATALOG), List.of(api("a", "catalog-team"), api("b", "web-team")),
                List.of(POOL), List.of(web), List.of(new Subscription("web", "a", Optional.empty(), false)));

        assertThat(catalog.ownedBy("catalog-team")).extracting(Api::id).containsExactly("a");
        assertThat(catalog.calledBy("web-team")).containsExactly("a");
        assertThat(catalog.calledBy("catalog-team")).isEmpty();
    }

    @Test
    void subscriptionsNeedAnExistingConsumerAndApiOncePerPair() {
        Consumer web = new Consumer("web", "Web", "web-team", "", ConsumerState.ACTIVE);
        Subscription toA = new Subscription("web", "a", Optional.empty(), true);
        List<Api> apis = List.of(api("a", "t"));
        assertThatThrownBy(() -> new Catalog(List.of(), apis, List.of(POOL), List.of(),
                List.of(toA))).hasMessage("subscriptions: consumer \"web\" (expected: the id of a consumer in the catalog)");
        assertThatThrownBy(() -> new Catalog(List.of(), apis, List.of(POOL), List.of(web),
                List.of(new Subscription("web", "zz", Optional.empty(), false))))
                .hasMessage("subscriptions: api \"zz\" (expected: the id of an API in the catalog)");
        assertThatThrownBy(() -> new Catalog(List.of(), apis, List.of(POOL), List.of(web), List.of(toA, toA)))
                .hasMessage("subscriptions: web to a twice (expected: one subscription per consumer and API)");
    }

    @Test
    void deprecationDetailsOnlyForDeprecatedApisAndTheSuccessorMustExist() {
        ApiBuilder b = Api.builder("old", "t", "/old").targets(List.of(new Target("p", 1)));
        Api old = b.deprecated(LocalDate.of(2027, 6, 30), "new").build();
        assertThat(old.sunset()).contains(LocalDate.of(2027, 6, 30));
        assertThatThrownBy(() -> new Catalog(List.of(old), List.of(POOL)))
                .hasMessage("apis.old.successor: \"new\" (expected: the id of an API in the catalog)");
        assertThat(new Catalog(List.of(old, api("new", "t")), List.of(POOL)).apis()).hasSize(2);

        assertThatThrownBy(() -> new Api("x", "x", "", "t", "", Optional.empty(), "/x", "/", Lifecycle.ACTIVE,
                Optional.of(LocalDate.of(2027, 1, 1)), Optional.empty(), Criticality.STANDARD, ApiPolicies.NONE,
                Optional.empty(), List.of(new Target("p", 1)), List.of()))
                .hasMessage("sunset: 2027-01-01 (expected: only for a DEPRECATED API)");
        assertThatThrownBy(() -> b.deprecated(null, "old").build())
                .hasMessage("successor: \"old\" (expected: another API than this one)");
    }

    @Test
    void policiesAreValidated() {
        assertThatThrownBy(() -> new RetryPolicy(0, true, List.of(), List.of("GET")))
                .hasMessage("attempts: 0 (expected: 1..10)");
        assertThatThrownBy(() -> new RetryPolicy(2, false, List.of(), List.of("GET")))
                .hasMessage("on: [] (expected: connect-failure and/or 5xx status codes)");
        assertThatThrownBy(() -> new RetryPolicy(2, false, List.of(404), List.of("GET")))
                .hasMessage("on: 404 (expected: connect-failure or 500..599)");
        assertThatThrownBy(() -> new RetryPolicy(2, true, List.of(), List.of("get")))
                .hasMessageStartingWith("methods: \"get\" (expected: GET, HEAD");
        assertThatThrownBy(() -> new CircuitBreakerPolicy(101, 10, Duration.ofSeconds(1)))
                .hasMessage("failureRate: 101 (expected: 1..100)");
        assertThatThrownBy(() -> new CircuitBreakerPolicy(50, 10, Duration.ZERO))
                .hasMessage("openFor: PT0S (expected: > 0)");
        assertThatThrownBy(() -> ApiPolicies.NONE.withTimeout(Duration.ofMillis(-1)))
                .hasMessage("timeout: PT-0.001S (expected: > 0)");
        assertThatThrownBy(() -> ApiPolicies.NONE.withBodyLimit(0)).hasMessage("bodyLimit: 0 (expected: > 0)");
        assertThatThrownBy(() -> new RateLimit(0, 1)).hasMessage("perSecond: 0 (expected: 1..1000000000)");
        assertThatThrownBy(() -> new Plan(1, 1, OptionalLong.of(0))).hasMessage("dailyQuota: 0 (expected: >= 1)");
    }
}
