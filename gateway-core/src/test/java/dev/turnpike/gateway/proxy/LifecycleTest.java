package dev.turnpike.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.testing.GatewayUnderTest;
import dev.turnpike.gateway.testing.TestCatalogs;
import dev.turnpike.gateway.testing.TestUpstream;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiPolicies;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Lifecycle;
import dev.turnpike.registry.model.Target;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleTest {
    private static final ApiPolicies PUBLIC = ApiPolicies.NONE.withPublicAccess(true);

    @TempDir
    Path dir;

    @Test
    void deprecatedApisAnnounceSunsetAndSuccessorAndRetiredOnesAreGone() throws Exception {
        try (TestUpstream upstream = TestUpstream.start("u")) {
            List<Target> targets = List.of(new Target("p", 1));
            Api v2 = Api.builder("orders-v2", "t", "/orders/v2").targets(targets).policies(PUBLIC).build();
            Api v1 = Api.builder("orders-v1", "t", "/orders/v1").targets(targets).policies(PUBLIC)
                    .deprecated(LocalDate.of(2027, 3, 1), "orders-v2").build();
            Api v0 = Api.builder("orders-v0", "t", "/orders/v0").targets(targets).policies(PUBLIC).lifecycle(Lifecycle.RETIRED).build();
            Catalog catalog = new Catalog(List.of(v2, v1, v0), List.of(TestCatalogs.pool("p", upstream)));
            try (GatewayUnderTest gw = GatewayUnderTest.start(dir, catalog)) {
                HttpResponse<String> old = gw.get("/orders/v1/x");
                assertThat(old.statusCode()).isEqualTo(200);
                assertThat(old.headers().firstValue("deprecation")).hasValue("true");
                assertThat(old.headers().firstValue("sunset")).hasValue("Mon, 1 Mar 2027 00:00:00 GMT");
                assertThat(old.headers().firstValue("link")).hasValue("</orders/v2>; rel=\"successor-version\"");

                HttpResponse<String> current = gw.get("/orders/v2/x");
                assertThat(current.headers().firstValue("deprecation")).isEmpty();
                assertThat(current.headers().firstValue("sunset")).isEmpty();

                HttpResponse<String> gone = gw.get("/orders/v0/x");
                assertThat(gone.statusCode()).isEqualTo(410);
                assertThat(gone.body()).contains("https://turnpike.dev/problems/api-retired");
            }
        }
    }
}
