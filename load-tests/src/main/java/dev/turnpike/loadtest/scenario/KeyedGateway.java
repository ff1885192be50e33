package dev.turnpike.loadtest.scenario;

import dev.turnpike.loadtest.target.GatewayServer;
import dev.turnpike.loadtest.target.KeyedCatalog;
import dev.turnpike.loadtest.target.StubServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A gateway serving {@link KeyedCatalog} over one stub, with a key issued for its {@code direct: true} consumer: what
 * the {@code lookup} and {@code endtoend} scenarios start.
 *
 * @param stub    the upstream stub
 * @param gateway the gateway node
 * @param key     the consumer's API key
 */
record KeyedGateway(StubServer stub, GatewayServer gateway, String key) {
    /** Starts the stub and the gateway (with extra {@code settings}, {@code key=value}) and issues the key. */
    static KeyedGateway start(ScenarioContext ctx, String name, List<String> settings) throws Exception {
        Path jar = ctx.gatewayJar();
        StubServer stub = ctx.startStub();
        List<Path> catalog = KeyedCatalog.write(ctx.workDir().resolve(name + "-catalog"), stub.address());
        Path data = Files.createTempDirectory(ctx.workDir(), "gateway-" + name + "-");
        ctx.progress().step("issuing an API key into the gateway's store");
        String key = KeyedCatalog.provision(ctx.supervisor(), ctx.tools(), jar, ctx.workDir(), data, catalog);
        GatewayServer gw = GatewayServer.start(ctx.supervisor(), ctx.tools(), ctx.pinning(), ctx.workDir(), jar, data,
                catalog, List.of(), settings, Duration.ofSeconds(60));
        return new KeyedGateway(stub, gw, key);
    }
}
