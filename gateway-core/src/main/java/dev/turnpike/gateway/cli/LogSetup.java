package dev.turnpike.gateway.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import dev.turnpike.gateway.config.NodeSettings;
import java.net.URL;
import org.slf4j.LoggerFactory;

/** Logging set-up and tear-down: the line format ({@code logback.xml} text or {@code logback-json.xml}), flushing at exit. */
final class LogSetup {
    private LogSetup() {
    }

    /** Flushes and stops logging (the async appender would otherwise drop the last lines at exit). */
    static void stop() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }

    /**
     * A shutdown hook that closes {@code node} (letting requests in flight finish) and then flushes the logs.
     */
    static Thread shutdownHook(AutoCloseable node) {
        return new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                LoggerFactory.getLogger(LogSetup.class).error("Shutdown failed", e);
            } finally {
                stop();
            }
        }, "turnpike-shutdown");
    }

    static void apply(NodeSettings.LogFormat format) {
        if (format != NodeSettings.LogFormat.JSON || System.getProperty("logback.configurationFile") != null) {
            return;
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        URL json = LogSetup.class.getResource("/logback-json.xml");
        try {
            context.reset();
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(json);
        } catch (JoranException e) {
            throw new IllegalStateException("logback-json.xml is broken", e);
        }
    }
}
