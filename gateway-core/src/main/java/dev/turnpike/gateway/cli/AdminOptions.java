package dev.turnpike.gateway.cli;

import java.net.URI;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Options of the commands that talk to a running node: where its admin API is and the token to use. */
final class AdminOptions {
    @Option(names = "--admin-url", paramLabel = "URL", defaultValue = "http://127.0.0.1:${env:TURNPIKE_ADMIN_PORT:-9080}",
            description = "Admin API of a running node (default: ${DEFAULT-VALUE}: port 9080, or TURNPIKE_ADMIN_PORT).")
    URI adminUrl;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:TURNPIKE_ADMIN_TOKEN}",
            description = "Admin token (default: the TURNPIKE_ADMIN_TOKEN environment variable).")
    String token;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /**
     * A client of the node at {@code --admin-url}.
     *
     * @throws ParameterException when the URL is not an absolute http(s) URL with a host
     */
    AdminClient client() {
        String scheme = adminUrl.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || adminUrl.getHost() == null) {
            throw new ParameterException(command.commandLine(), "--admin-url: \"" + adminUrl
                    + "\" (expected: an http:// or https:// URL with a host, e.g. http://127.0.0.1:9080)");
        }
        return new AdminClient(adminUrl, token);
    }
}
