package dev.turnpike.gateway.cli;

import dev.turnpike.gateway.config.NodeSettings;
import dev.turnpike.gateway.config.SettingsException;
import java.io.PrintWriter;
import reactor.netty.ChannelBindException;

/**
 * Why a node could not start, as the one line a user reads: what failed and which flag or setting to change.
 * Stack traces stay in the log, at debug.
 */
final class StartFailure {
    private StartFailure() {
    }

    /** The line for {@code error} when starting a node with {@code settings}. */
    static String line(Throwable error, NodeSettings settings) {
        ChannelBindException bind = find(error, ChannelBindException.class);
        if (bind != null) {
            boolean admin = bind.localPort() == settings.adminListener().port()
                    && bind.localPort() != settings.publicListener().port();
            String setting = admin ? "admin.port (--admin-port)" : "public.port (--port)";
            return "port " + bind.localPort() + " on " + bind.localHost() + " is already in use, perhaps by another"
                    + " turnpike node (expected: stop that process, or choose another port with " + setting + ")";
        }
        return line(error);
    }

    /**
     * Prints invalid settings: one line when one setting is wrong ({@code turnpike: invalid setting: public.port:
     * "99999" from flag (expected: 0..65535)}), else a header and one line per setting.
     */
    static void print(PrintWriter err, SettingsException e) {
        if (e.problems().size() == 1) {
            err.println("turnpike: invalid setting: " + e.problems().get(0));
        } else {
            err.println("turnpike: invalid settings:");
            e.problems().forEach(p -> err.println("  " + p));
        }
    }

    /** The error's message, or its kind when it has none. */
    static String line(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message.strip();
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
