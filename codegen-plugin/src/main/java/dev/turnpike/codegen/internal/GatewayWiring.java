package dev.turnpike.codegen.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The source of {@code TurnpikeGateway}, generated next to each API's {@code ApiClient}: it makes an
 * {@code ApiClient} whose calls gateway-client's interceptor routes end-to-end when the consumer may call the
 * provider directly, and through the gateway otherwise. The text is {@code TurnpikeGateway.java.txt} beside this
 * class ({@code %1$s} package, {@code %2$s} API id, {@code %3$s} base path).
 */
public final class GatewayWiring {
    /** The class's file name. */
    public static final String FILE = "TurnpikeGateway.java";
    private static final String TEMPLATE = template();

    private GatewayWiring() {
    }

    /** The source for API {@code id} in {@code javaPackage}; {@code basePath} is empty when not known. */
    public static String source(String javaPackage, String id, String basePath) {
        return TEMPLATE.formatted(javaPackage, id, basePath.replace("\\", "\\\\").replace("\"", "\\\""));
    }

    private static String template() {
        try (InputStream in = GatewayWiring.class.getResourceAsStream("TurnpikeGateway.java.txt")) {
            if (in == null) {
                throw new IllegalStateException("TurnpikeGateway.java.txt is missing from the plugin jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
