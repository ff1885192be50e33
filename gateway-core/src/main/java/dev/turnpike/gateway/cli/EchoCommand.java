package dev.turnpike.gateway.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * {@code turnpike echo --port 9000}: a sample upstream for trying a catalog. It answers every request with a JSON
 * description of what it received (method, path and query as forwarded, headers, body size), so the gateway's
 * forwarding (base path replaced, {@code X-Forwarded-*}, {@code Via}, {@code X-Consumer-Id}) can be seen. Runs
 * until stopped (Ctrl-C).
 */
@Command(name = "echo", mixinStandardHelpOptions = true,
        description = "Run a sample upstream that answers every request with what it received (JSON). For trying a"
                + " catalog; not for production.")
final class EchoCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "9000", description = "Port (default: 9000).")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        DisposableServer server = HttpServer.create().host(host).port(port).handle(EchoCommand::echo).bindNow();
        PrintWriter out = spec.commandLine().getOut();
        out.println("Echo upstream listening on http://" + host + ":" + server.port() + " (Ctrl-C stops it)");
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(server::disposeNow, "turnpike-echo-stop"));
        server.onDispose().block();
        return 0;
    }

    private static Mono<Void> echo(HttpServerRequest request, HttpServerResponse response) {
        return request.receive().aggregate().asString().defaultIfEmpty("").flatMap(body -> {
            ObjectNode answer = JSON.createObjectNode();
            answer.put("method", request.method().name());
            answer.put("uri", request.uri());
            ObjectNode headers = answer.putObject("headers");
            for (Map.Entry<String, String> h : request.requestHeaders()) {
                String name = h.getKey().toLowerCase(Locale.ROOT);
                headers.put(name, headers.has(name) ? headers.get(name).asText() + ", " + h.getValue() : h.getValue());
            }
            answer.put("bodyBytes", body.getBytes(StandardCharsets.UTF_8).length);
            return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .sendString(Mono.just(answer.toPrettyString() + "\n")).then();
        });
    }
}
