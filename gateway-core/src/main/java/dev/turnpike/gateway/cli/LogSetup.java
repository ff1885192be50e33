package dev.turnpike.gateway.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import dev.turnpike.gateway.config.NodeSettings;
import java.net.URL;
import org.slf4j.LoggerFactory;

/** Switches Logback to the configured line format: {@code logback.xml} (text) or {@code logback-json.xml}. */
final class LogSetup {
    private LogSetup() {
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
