package dev.turnpike.gateway.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** Options of the commands that talk to a running node: where its admin API is and the token to use. */
final class AdminOptions {
    @Option(names = "--admin-url", paramLabel = "URL", defaultValue = "http://127.0.0.1:9080",
            description = "Admin API of a running node (default: ${DEFAULT-VALUE}).")
    URI adminUrl;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:TURNPIKE_ADMIN_TOKEN}",
            description = "Admin token (default: the TURNPIKE_ADMIN_TOKEN environment variable).")
    String token;

    AdminClient client() {
        return new AdminClient(adminUrl, token);
    }
}
